using System.Text;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class CsvRowReaderEncodingTests
{
    private const string Text = "upn,mobile\nzoé@contoso.com,+33 6 12 34 56 78\nbob@contoso.com,+44 7911 123456\n";

    static CsvRowReaderEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf8_file_reads_accented_user_with_or_without_bom(bool bom)
    {
        using var csv = TempCsv.With(Encoding.UTF8, Text, bom);
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(2, rows.Count);
        Assert.Equal(TestRow.Of(2, "zoé@contoso.com", Mobile: "+33 6 12 34 56 78"), rows[0]);
        Assert.Equal(65001, reader.Encoding.CodePage);
        Assert.Equal(bom, reader.HasByteOrderMark);
        Assert.Equal(["upn", "mobile"], reader.Headers);
    }

    [Fact]
    public void Utf16_little_endian_tab_file_from_excel_reads_every_row()
    {
        // Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, CRLF line ends.
        var text = "User principal name\tMobile phone\r\nzoé@contoso.com\t+33 6 12 34 56 78\r\n\"multi\r\nline\"\t\r\nbob@contoso.com\t+44 7911 123456\r\n";
        using var csv = TempCsv.With(new UnicodeEncoding(false, true), text, bom: true);
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal('\t', reader.Delimiter);
        Assert.Equal("utf-16", reader.Encoding.WebName);
        Assert.Equal(
            [TestRow.Of(2, "zoé@contoso.com", "+33 6 12 34 56 78"), TestRow.Of(3, "multi\r\nline", LineCount: 2),
                TestRow.Of(5, "bob@contoso.com", "+44 7911 123456")],
            rows);
    }

    [Theory]
    [InlineData(false, "utf-16")]
    [InlineData(true, "utf-16BE")]
    public void Utf16_file_without_bom_is_refused_naming_the_encoding_option(bool bigEndian, string hint)
    {
        using var csv = TempCsv.With(new UnicodeEncoding(bigEndian, false), Text, bom: false);

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll());

        Assert.Contains("UTF-16 without a byte order mark", error.Message);
        Assert.EndsWith($"--encoding {hint}.", error.Message);
    }

    [Fact]
    public void Utf16_file_without_bom_reads_with_the_encoding_override()
    {
        using var csv = TempCsv.With(new UnicodeEncoding(false, false), Text, bom: false);
        var (reader, rows) = csv.ReadAll(encoding: "utf-16");
        using var _ = reader;

        Assert.Equal(["zoé@contoso.com", "bob@contoso.com"], rows.Select(r => r.User));
    }

    [Fact]
    public void Utf16_big_endian_file_with_bom_reads_every_row()
    {
        using var csv = TempCsv.With(new UnicodeEncoding(true, true), Text, bom: true);
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("utf-16BE", reader.Encoding.WebName);
        Assert.Equal(["zoé@contoso.com", "bob@contoso.com"], rows.Select(r => r.User));
    }

    [Fact]
    public void Windows_1252_file_without_bom_is_refused_naming_the_encoding_option()
    {
        using var csv = TempCsv.With(Encoding.GetEncoding(1252), Text, bom: false);

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll());

        // "zoé": z o é → é is byte 0xE9 at offset 11 + 2 = 13, on line 2.
        Assert.Equal(
            $"The file '{csv.Path}' is not valid UTF-8 (first bad byte 0xE9 at offset 13, line 2); " +
            "if it was saved by Excel as \"CSV\" on Windows, run again with --encoding windows-1252.",
            error.Message);
    }

    [Fact]
    public void Windows_1252_file_reads_correctly_with_the_encoding_override()
    {
        using var csv = TempCsv.With(Encoding.GetEncoding(1252), Text, bom: false);
        var (reader, rows) = csv.ReadAll(encoding: "windows-1252");
        using var _ = reader;

        Assert.Equal("zoé@contoso.com", rows[0].User);
        Assert.Equal(1252, reader.Encoding.CodePage);
    }

    [Fact]
    public void Encoding_from_configuration_is_used_when_no_override_is_given()
    {
        using var csv = TempCsv.With(Encoding.GetEncoding(1252), Text, bom: false);
        var (reader, rows) = csv.ReadAll(new CsvOptions { Encoding = "windows-1252" });
        using var _ = reader;

        Assert.Equal("zoé@contoso.com", rows[0].User);
    }

    [Fact]
    public void Byte_order_mark_wins_over_the_encoding_override()
    {
        using var csv = TempCsv.With(Encoding.UTF8, Text, bom: true);
        var (reader, rows) = csv.ReadAll(encoding: "windows-1252");
        using var _ = reader;

        Assert.Equal("zoé@contoso.com", rows[0].User);
        Assert.Equal(["upn", "mobile"], reader.Headers);
    }

    [Fact]
    public void Bad_utf8_far_down_the_file_is_reported_with_its_line_after_the_rows_before_it()
    {
        var good = new StringBuilder("upn\n");
        for (var i = 0; i < 20_000; i++)
        {
            good.Append("user").Append(i).Append("@contoso.com\n");
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(good.ToString()), .. "caf"u8, 0xE9, .. "@contoso.com\n"u8];
        using var csv = new TempCsv([.. bytes]);
        using var reader = CsvRowReader.Open(csv.Path, new CsvOptions());
        var read = 0;

        var error = Assert.Throws<InputFileException>(() =>
        {
            foreach (var _ in reader.ReadRows())
            {
                read++;
            }
        });

        Assert.Contains("line 20002)", error.Message);
        Assert.True(read > 0, "rows before the bad block are still streamed");
    }

    [Fact]
    public void Character_split_across_read_blocks_is_not_mistaken_for_bad_bytes()
    {
        // 64 KiB blocks: put multi-byte characters across every plausible boundary.
        var text = new StringBuilder("upn\n");
        while (text.Length < 300_000)
        {
            text.Append("zoé€😀@contoso.com\n");
        }

        using var csv = TempCsv.Utf8(text.ToString());
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.All(rows, r => Assert.Equal("zoé€😀@contoso.com", r.User));
    }

    [Fact]
    public void Bytes_invalid_in_the_requested_encoding_are_a_file_level_error()
    {
        using var csv = TempCsv.With(Encoding.GetEncoding(1252), Text, bom: false);

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll(encoding: "us-ascii"));

        Assert.Equal(
            $"The file '{csv.Path}' contains bytes that are not valid us-ascii; run again with the --encoding the file was saved in (such as utf-8 "
                + $"or windows-1252).",
            error.Message);
    }
}
