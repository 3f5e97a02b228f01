using System.IO.Compression;
using System.Text;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

/// <summary>A file that is not text is told what it is before any decoding; UTF-32 is told apart from binary.</summary>
public sealed class BinaryFormatsTests
{
    private const string Text = "upn,mobile\nzoé@contoso.com,+33 6 12 34 56 78\nbob@contoso.com,+44 7911 123456\n";

    /// <summary>A zip as Excel writes an .xlsx: its parts named [Content_Types].xml, xl/workbook.xml…</summary>
    internal static byte[] Workbook(params string[] parts)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }

        return bytes.ToArray();
    }

    public static TheoryData<string, byte[], string> Files() => new()
    {
        { "xlsx", Workbook("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), "is an Excel workbook (.xlsx), not a CSV" },
        { "docx", Workbook("[Content_Types].xml", "word/document.xml"), "is a Word document (.docx), not a CSV" },
        { "zip", Workbook("hires.csv"), "is an Excel workbook (.xlsx) or another zip archive, not a CSV" },
        { "xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "is an Excel 97-2003 workbook (.xls)" },
        { "gzip", [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3], "is compressed with gzip (.gz), not a CSV" },
        { "pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"), "is a PDF document, not a CSV" },
        { "7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4], "is a 7-Zip archive (.7z), not a CSV" },
        { "rar", Encoding.ASCII.GetBytes("Rar!\u001a\u0007\u0001\u0000"), "is a RAR archive (.rar), not a CSV" },
        { "xml2003", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\r\n<?mso-application progid=\"Excel.Sheet\"?>\r\n<Workbook "
            + "xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"), "is an Excel XML Spreadsheet 2003, not a CSV" },
        { "html", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("\r\n<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table>")], "is "
            + "a web page (HTML), not a CSV" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Binary_file_is_refused_saying_what_it_is_even_with_an_encoding_override(string kind, byte[] bytes, string says)
    {
        using var csv = new TempCsv(bytes, kind + ".csv");

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll(encoding: "windows-1252"));

        Assert.StartsWith($"The file '{csv.Path}' {says}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "utf-32")]
    [InlineData(true, "utf-32BE")]
    public void Utf32_file_without_bom_is_refused_naming_the_encoding_option(bool bigEndian, string hint)
    {
        using var csv = TempCsv.With(new UTF32Encoding(bigEndian, false), Text, bom: false);

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll(encoding: "windows-1252"));

        Assert.Contains("UTF-32 without a byte order mark", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"--encoding {hint}.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, null)]
    [InlineData(true, true, null)]
    [InlineData(false, false, "utf-32")]
    [InlineData(true, false, "utf-32BE")]
    public void Utf32_file_reads_every_row_with_a_bom_or_the_encoding_it_names(bool bigEndian, bool bom, string? encoding)
    {
        using var csv = TempCsv.With(new UTF32Encoding(bigEndian, byteOrderMark: bom), Text, bom);
        var (reader, rows) = csv.ReadAll(encoding: encoding);
        using var _ = reader;

        Assert.Equal(["zoé@contoso.com", "bob@contoso.com"], rows.Select(r => r.User));
        Assert.Equal(["+33 6 12 34 56 78", "+44 7911 123456"], rows.Select(r => r[PhoneMethod.Mobile.Cell]));
    }

    [Fact]
    public void Utf16_file_without_bom_is_refused_also_when_a_one_byte_encoding_is_named()
    {
        using var csv = TempCsv.With(new UnicodeEncoding(false, false), Text, bom: false);

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll(encoding: "windows-1252"));

        Assert.EndsWith("--encoding utf-16.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_whose_first_cell_starts_like_a_signature_in_text_is_still_read()
    {
        // "PK" and "%PDF" as text: the signatures need bytes (\x03\x04, the dash) a header does not have.
        using var csv = TempCsv.Utf8("PK,upn,mobile\n1,ann@contoso.com,+44 7911 123456\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("ann@contoso.com", Assert.Single(rows).User);
    }
}
