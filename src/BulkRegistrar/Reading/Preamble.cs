using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>
/// A line a known tool writes above the header: Excel's <c>sep=;</c>, the Entra bulk templates'
/// <c>version:v1.0</c>, Windows PowerShell 5.1's <c>#TYPE …</c> (docs/input-formats.md). It is
/// recognised, named in <c>summary.json</c> (<c>input.preamble</c>) and on the console, and is not a row.
/// </summary>
/// <param name="Line">The physical line (1-based).</param>
/// <param name="Kind"><see cref="ExcelSeparator"/>, <see cref="EntraTemplateVersion"/> or <see cref="PowerShellType"/>.</param>
/// <param name="Text">The line as written, without the delimiters Excel pads it with.</param>
internal sealed record PreambleLine(int Line, string Kind, string Text)
{
    public const string ExcelSeparator = "excelSeparator";
    public const string EntraTemplateVersion = "entraTemplateVersion";
    public const string PowerShellType = "powerShellType";

    /// <summary>One sentence for the console and the log.</summary>
    public string Describe() => Kind switch
    {
        ExcelSeparator => $"Line {Line} '{Text}' is Excel's separator line, not a row.",
        EntraTemplateVersion => $"Line {Line} '{Text}' is the Entra bulk template's version line, not a row.",
        _ => $"Line {Line} '{Text}' is the type line Windows PowerShell's Export-Csv writes, not a row.",
    };
}

/// <summary>
/// Finds the <see cref="PreambleLine"/>s at the start of the decoded file, before CsvHelper sees it, so
/// that the header is the first line CsvHelper reads and every later line keeps its physical number.
/// </summary>
internal static class Preambles
{
    /// <summary>At most one line of each kind.</summary>
    private const int MaxLines = 3;

    /// <summary>A preamble line is short; a longer first line is the header (or data).</summary>
    private const int MaxLineBytes = 1024;

    /// <summary>What precedes the header: the lines, the byte offset where the header starts, and the
    /// separator a <c>sep=</c> line names (null: detect it).</summary>
    internal readonly record struct Found(IReadOnlyList<PreambleLine> Lines, long HeaderOffset, char? Separator);

    /// <summary>Reads the first lines of <paramref name="utf8"/>; the caller rewinds to <see cref="Found.HeaderOffset"/>
    /// (0 when there is no preamble: a BOM is then left for CsvHelper as before).</summary>
    public static Found Read(Stream utf8)
    {
        var head = new byte[MaxLines * (MaxLineBytes + 2) + 3];
        var length = utf8.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, length);
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var lines = new List<PreambleLine>();
        char? separator = null;
        var offset = start;
        while (lines.Count < MaxLines)
        {
            var rest = bytes[offset..];
            var (end, breakLength) = LineBreaks.First(rest);
            if (end < 0 || end > MaxLineBytes)
            {
                break; // no complete short line: the header, or a file of one line
            }

            var text = Encoding.UTF8.GetString(rest[..end]);
            if (Recognise(lines.Count + 1, text, out var sep) is not { } line || lines.Any(l => l.Kind == line.Kind))
            {
                break;
            }

            lines.Add(line);
            separator ??= sep;
            offset += end + breakLength;
        }

        return new Found(lines, lines.Count == 0 ? 0 : offset, separator);
    }

    /// <summary>The preamble line <paramref name="text"/> is, or null when it is the header or data.</summary>
    public static PreambleLine? Recognise(int line, string text, out char? separator)
    {
        separator = null;
        var trimmed = text.Trim();
        // Excel writes exactly "sep=" and the character; CsvHelper honoured the same line before.
        if (trimmed.Length == 5 && trimmed.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            separator = trimmed[4];
            return new PreambleLine(line, PreambleLine.ExcelSeparator, trimmed);
        }

        if (trimmed.StartsWith("#TYPE ", StringComparison.OrdinalIgnoreCase) && !trimmed.Contains(',', StringComparison.Ordinal))
        {
            return new PreambleLine(line, PreambleLine.PowerShellType, trimmed);
        }

        // Saved again from Excel the template's first line becomes "version:v1.0,,,,…" (or ";;;").
        var version = trimmed.TrimEnd(',', ';', '\t', ' ');
        return IsVersion(version) ? new PreambleLine(line, PreambleLine.EntraTemplateVersion, version) : null;
    }

    private static readonly System.Buffers.SearchValues<char> VersionChars = System.Buffers.SearchValues.Create("0123456789.");

    private static bool IsVersion(string text)
    {
        if (!text.StartsWith("version:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var value = text.AsSpan("version:".Length).Trim();
        if (value.StartsWith("v") || value.StartsWith("V"))
        {
            value = value[1..];
        }

        return !value.IsEmpty && char.IsAsciiDigit(value[0]) && !value.ContainsAnyExcept(VersionChars);
    }
}
