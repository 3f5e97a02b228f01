namespace BulkRegistrar.Audit;

/// <summary>
/// <c>audit.jsonl</c> read back as typed records: the one reader that resume (the journal), revert (what to undo)
/// and the report (what needs a look) share, so the file's shape is known in two places only — its writer
/// (<see cref="JsonlAuditFormatter"/>) and <see cref="AuditRecordJson"/>.
/// <para>
/// The writer appends whole records in order, each with its newline, so bytes after the last newline of a run's own
/// audit can only be a record a kill tore: the journal of a resume leaves them out (<see cref="TornBytes"/>); other
/// readers take that last line like any other, and it is a record only if it is whole. The file is streamed in bytes,
/// and a line whose outcome the caller does not want is skipped from its text without being decoded or parsed: most
/// lines of a big run need no look, and parsing each made the report the slowest part of a million-row validate
/// (docs/benchmarks.md).
/// </para>
/// </summary>
internal sealed class AuditFile : IDisposable
{
    public const string Name = "audit.jsonl";

    private const int Chunk = 64 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly FileStream _stream;

    private AuditFile(FileStream stream) => _stream = stream;

    /// <summary>Bytes after the last newline left unread (<c>tornTail</c>); known once <see cref="Lines"/> has run to the end.</summary>
    public int TornBytes { get; private set; }

    public static string In(string runFolder) => Path.Combine(runFolder, Name);

    /// <summary>Opens the file for reading; a run may still be appending to it (the report of a run in progress).</summary>
    public static AuditFile Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1));

    /// <summary>
    /// The file's whole, non-empty lines in order. With <paramref name="wanted"/>, a line that is a record of another
    /// outcome is left out; a line that is not a record is always given (with a null record), so the caller decides
    /// whether a damaged file may be trusted.
    /// </summary>
    /// <param name="withJson">Give each line's text too (<see cref="AuditLine.Json"/>; otherwise null), for a caller that copies lines.</param>
    /// <param name="tornTail">Leave out bytes after the last newline and count them in <see cref="TornBytes"/>.</param>
    public IEnumerable<AuditLine> Lines(Func<Outcome, bool>? wanted = null, bool withJson = false, bool tornTail = false)
    {
        var buffer = new byte[Chunk];
        var (start, end, number) = (0, 0, 0);
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                var length = newline - start;
                var at = start;
                start = newline + 1;
                if (length > 0 && Take(buffer, at, length, ++number, wanted, withJson) is { } line)
                {
                    yield return line;
                }

                continue;
            }

            int read;
            (buffer, start, end, read) = Refill(buffer, start, end);
            if (_stream.Position == read && buffer.AsSpan(0, end).StartsWith(Bom))
            {
                start = Bom.Length; // a file an editor saved with a byte-order mark
            }

            if (read == 0)
            {
                if (tornTail)
                {
                    TornBytes = end - start;
                }
                else if (end > start && Take(buffer, start, end - start, ++number, wanted, withJson) is { } last)
                {
                    yield return last;
                }

                yield break;
            }
        }
    }

    /// <summary>Moves the unread part to the front (growing the buffer for a line longer than it) and reads more after it.</summary>
    private (byte[] Buffer, int Start, int End, int Read) Refill(byte[] buffer, int start, int end)
    {
        var unread = end - start;
        if (unread == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, unread);
        }

        var read = _stream.Read(buffer, unread, buffer.Length - unread);
        return (buffer, 0, unread + read, read);
    }

    private static AuditLine? Take(byte[] buffer, int at, int length, int number, Func<Outcome, bool>? wanted, bool withJson)
    {
        var bytes = buffer.AsSpan(at, length);
        if (wanted is not null && AuditRecordJson.OutcomeFromText(bytes) is { } said && !wanted(said))
        {
            return null;
        }

        var record = AuditRecordJson.Parse(bytes);
        return record is not null && wanted is not null && !wanted(record.Outcome)
            ? null
            : new AuditLine(number, withJson ? System.Text.Encoding.UTF8.GetString(bytes) : null, record);
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>One non-empty line of <c>audit.jsonl</c>.</summary>
/// <param name="Number">Its place among the file's non-empty lines (1 is the first).</param>
/// <param name="Json">The line as written, when asked for.</param>
/// <param name="Record">The record, or null when the line is not one (damaged, or changed by hand).</param>
internal sealed record AuditLine(int Number, string? Json, AuditRecord? Record);
