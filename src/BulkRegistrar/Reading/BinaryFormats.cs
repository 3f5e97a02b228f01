using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>
/// Files that are not text at all, told by their first bytes (magic numbers) before any decoding: an
/// <c>.xlsx</c> renamed <c>.csv</c> decodes "fine" as windows-1252 and would be reported as a file without a
/// user column, or worse, read as rows of garbage. Each is one sentence saying what the file is and what to
/// do. None of these signatures can start a CSV: each holds a byte no spreadsheet writes into text, or is
/// markup (<c>&lt;?xml</c>, <c>&lt;html</c>) that no header row begins with.
/// </summary>
internal static class BinaryFormats
{
    private const string SaveAsCsv = "open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\", then name that file";

    /// <summary>What the file is, as the end of a sentence starting "The file 'x' ", or null for text.</summary>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return Zip(head);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // OLE2: Excel 97-2003, Word/Outlook files, and also an .xlsx that was saved with a password.
            return $"is an Excel 97-2003 workbook (.xls), a password-protected workbook or another Office file, not a CSV: {SaveAsCsv}.";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return "is compressed with gzip (.gz), not a CSV: unpack it first (gunzip) and name the CSV inside.";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "is a PDF document, not a CSV: a PDF's table cannot be read reliably; ask for the data as a CSV export.";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]))
        {
            return "is a 7-Zip archive (.7z), not a CSV: unpack it first and name the CSV inside.";
        }

        if (head.StartsWith("Rar!\u001A\u0007"u8))
        {
            return "is a RAR archive (.rar), not a CSV: unpack it first and name the CSV inside.";
        }

        return Markup(head);
    }

    /// <summary>
    /// <c>utf-32</c> or <c>utf-32BE</c> when the start of a file without a BOM has three zero bytes in most
    /// groups of four, as UTF-32 text of Latin letters does (zeros are valid UTF-8 and windows-1252, so it
    /// would otherwise be read as text with a NUL between letters); else null.
    /// </summary>
    public static string? LooksLikeUtf32WithoutBom(ReadOnlySpan<byte> head)
    {
        var groups = head.Length / 4;
        if (groups < 2)
        {
            return null;
        }

        int little = 0, big = 0;
        for (var i = 0; i + 3 < head.Length; i += 4)
        {
            little += head[i] != 0 && head[i + 1] == 0 && head[i + 2] == 0 && head[i + 3] == 0 ? 1 : 0;
            big += head[i] == 0 && head[i + 1] == 0 && head[i + 2] == 0 && head[i + 3] != 0 ? 1 : 0;
        }

        return little * 2 > groups ? "utf-32" : big * 2 > groups ? "utf-32BE" : null;
    }

    /// <summary>
    /// Excel's "XML Spreadsheet 2003" and "Web Page" saves, and HTML "exports" of HR systems: text, but markup,
    /// which no CSV header starts with (after an optional UTF-8 BOM and white space).
    /// </summary>
    private static string? Markup(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        var start = Encoding.Latin1.GetString(text).TrimStart();
        if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            return start.Contains("urn:schemas-microsoft-com:office:spreadsheet", StringComparison.OrdinalIgnoreCase)
                ? $"is an Excel XML Spreadsheet 2003, not a CSV: {SaveAsCsv}."
                : "is an XML document, not a CSV: ask for the data as a CSV export.";
        }

        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            ? $"is a web page (HTML), not a CSV: if Excel saved it as a web page, {SaveAsCsv}."
            : null;
    }

    /// <summary>An Office Open XML file names its parts in the zip's local headers: xl/, word/, ppt/.</summary>
    private static string Zip(ReadOnlySpan<byte> head)
    {
        var names = Encoding.Latin1.GetString(head);
        return names.Contains("xl/", StringComparison.Ordinal)
            ? $"is an Excel workbook (.xlsx), not a CSV: {SaveAsCsv}."
            : names.Contains("word/", StringComparison.Ordinal) ? "is a Word document (.docx), not a CSV: ask for the data as a CSV export."
            : names.Contains("ppt/", StringComparison.Ordinal) ? "is a PowerPoint presentation (.pptx), not a CSV: ask for the data as a CSV export."
            : $"is an Excel workbook (.xlsx) or another zip archive, not a CSV: if it is a workbook, {SaveAsCsv}; if it is an archive, unpack it and "
                + $"name the CSV inside.";
    }
}
