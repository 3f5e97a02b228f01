namespace BulkRegistrar.Reading;

/// <summary>
/// When a record runs over several physical lines, is it one record with a multi-line cell, or a
/// stray quote that swallowed the lines after it? A quoted cell may hold line breaks (an address,
/// a note), so the reader accepts the record when all of these hold:
/// <list type="bullet">
/// <item>every quoted cell of it closes at a cell boundary (CsvHelper reported no quoting fault);</item>
/// <item>it has no more cells with values than the header has columns;</item>
/// <item>no line inside it, except its first and last, would be a record of the header's shape on its
/// own (no quote, exactly one delimiter fewer than the header has columns): such lines are rows the quote
/// swallowed, not the text of a cell.</item>
/// </list>
/// Otherwise the quote on its first line is a stray: that line alone is set aside as
/// <c>MalformedRecord</c> and reading starts again at the next physical line. The first and last
/// lines are not tested: they hold the opening and closing quote, so they never look like a record.
/// </summary>
internal static class QuoteRule
{
    /// <param name="raw">The record's bytes, which contain at least one line break.</param>
    /// <param name="faulty">CsvHelper reported a quoting fault, or the record has too many cells.</param>
    public static bool IsStray(ReadOnlySpan<byte> raw, bool faulty, int headerCount, byte delimiter)
    {
        if (faulty)
        {
            return true;
        }

        if (headerCount < 2)
        {
            return false; // with one column every line is "of the header's shape": the rule cannot tell
        }

        var (end, length) = LineBreaks.First(raw);
        var rest = raw[(end + length)..];
        while (true)
        {
            (end, length) = LineBreaks.First(rest);
            if (end < 0)
            {
                return false; // rest is the last line
            }

            var inner = rest[..end];
            if (inner.IndexOf((byte)'"') < 0 && inner.Count(delimiter) == headerCount - 1)
            {
                return true;
            }

            rest = rest[(end + length)..];
        }
    }
}
