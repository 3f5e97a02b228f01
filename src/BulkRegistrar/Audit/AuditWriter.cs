namespace BulkRegistrar.Audit;

/// <summary>
/// Appends every record to both audit files and tallies it. Flushes at least every
/// <see cref="FlushInterval"/> so that a run that dies leaves an audit that is complete up to
/// a second ago — the audit is the run's journal, not an afterthought.
/// </summary>
internal sealed class AuditWriter : IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly IAuditFormatter[] _formatters;
    private readonly TimeProvider _time;
    private long _lastFlush;

    public AuditWriter(TimeProvider time, params IAuditFormatter[] formatters)
    {
        _time = time;
        _formatters = formatters;
        _lastFlush = time.GetTimestamp();
    }

    public AuditTally Tally { get; } = new();

    /// <summary>Opens <c>audit.jsonl</c> and <c>audit.csv</c> in the run folder.</summary>
    /// <param name="target">Where the run's Graph calls go (<c>emulator</c>, <c>emulator-url</c>, <c>tenant</c>); null for validate.</param>
    public static AuditWriter Open(string runFolder, TimeProvider time, string? target = null) =>
        new(time,
            new JsonlAuditFormatter(Path.Combine(runFolder, "audit.jsonl"), target),
            new CsvAuditFormatter(Path.Combine(runFolder, "audit.csv"), target));

    /// <summary>
    /// A resumed run: appends to the run folder's audit files, which hold <paramref name="kept"/> (the journal's
    /// terminal records, counted in the tally so the summary covers the whole file).
    /// </summary>
    public static AuditWriter Append(string runFolder, TimeProvider time, string? target, IEnumerable<AuditRecord> kept)
    {
        var writer = new AuditWriter(time,
            new JsonlAuditFormatter(Path.Combine(runFolder, "audit.jsonl"), target, append: true),
            new CsvAuditFormatter(Path.Combine(runFolder, "audit.csv"), target, append: true));
        foreach (var record in kept)
        {
            writer.Tally.Add(record);
        }

        return writer;
    }

    public void Write(AuditRecord record)
    {
        foreach (var f in _formatters)
        {
            f.Write(record);
        }

        Tally.Add(record);
        if (_time.GetElapsedTime(_lastFlush) >= FlushInterval)
        {
            Flush();
        }
    }

    public void Flush()
    {
        foreach (var f in _formatters)
        {
            f.Flush();
        }

        _lastFlush = _time.GetTimestamp();
    }

    public void Dispose()
    {
        foreach (var f in _formatters)
        {
            f.Dispose();
        }
    }
}
