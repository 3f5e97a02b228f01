namespace BulkRegistrar.Reading;

/// <summary>
/// Physical lines as CsvHelper counts them (<see cref="CsvHelper.CsvReader.LineNumber"/>): CR, LF
/// and CR LF each end one line. Used on UTF-8 bytes.
/// </summary>
internal static class LineBreaks
{
    /// <summary>Where the first line break of <paramref name="bytes"/> starts and how long it is (CR LF is 2), or (-1, 0).</summary>
    public static (int Index, int Length) First(ReadOnlySpan<byte> bytes)
    {
        var i = bytes.IndexOfAny((byte)'\r', (byte)'\n');
        if (i < 0)
        {
            return (-1, 0);
        }

        return (i, bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n' ? 2 : 1);
    }

    /// <summary>The lines of a record's raw bytes (which never end with its own line break).</summary>
    public static int LinesIn(ReadOnlySpan<byte> raw)
    {
        var lines = 1;
        while (true)
        {
            var (index, length) = First(raw);
            if (index < 0)
            {
                return lines;
            }

            raw = raw[(index + length)..];
            if (raw.IsEmpty)
            {
                return lines; // a record cut at the end of the input keeps the file's last line break
            }

            lines++;
        }
    }
}
