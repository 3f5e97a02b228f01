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
    private bool _appends;

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
            new JsonlAuditFormatter(AuditFile.In(runFolder), target),
            new CsvAuditFormatter(Path.Combine(runFolder, "audit.csv"), target));

    /// <summary>
    /// A resumed run: appends to the run folder's audit files, which hold <paramref name="kept"/> (the journal's
    /// terminal records, counted in the tally so the summary covers the whole file).
    /// </summary>
    public static AuditWriter Append(string runFolder, TimeProvider time, string? target, IEnumerable<AuditRecord> kept)
    {
        var writer = new AuditWriter(time,
            new JsonlAuditFormatter(AuditFile.In(runFolder), target, append: true),
            new CsvAuditFormatter(Path.Combine(runFolder, "audit.csv"), target, append: true)) { _appends = true };
        foreach (var record in kept)
        {
            writer.Tally.Add(record);
        }

        return writer;
    }

    /// <summary>
    /// The first failure to write the audit (a full disk, a read-only file), or null. From then on records are
    /// tallied but not written (a half-written file must not grow further), and the run is stopped by whoever
    /// watches this (<see cref="AuditStage{T}"/>): the records it could not write are re-planned by a resume.
    /// </summary>
    public Exception? Failure { get; private set; }

    /// <summary>The audit file the failure concerns (for the sentence), or null.</summary>
    public string? FailedPath { get; private set; }

    /// <summary>
    /// Told each record that needs attention (<see cref="OutcomeKinds.NeedsAttention"/>) once every audit file took it, in
    /// the order written: report.html's table is built as the run writes instead of from a read-back of audit.jsonl.
    /// </summary>
    public Action<AuditRecord>? AttentionWritten { get; set; }

    /// <summary>
    /// The audit files hold exactly what this writer wrote: it created them (not a resume, whose files also hold the
    /// journal's records) and no write failed. Only then does what <see cref="AttentionWritten"/> saw stand for the file.
    /// </summary>
    public bool WroteWholeAudit => !_appends && Failure is null;

    public void Write(AuditRecord record)
    {
        Tally.Add(record);
        // A loop, not a shared helper taking a lambda: this runs once per record of a million-row file.
        foreach (var f in Failure is null ? _formatters : [])
        {
            try
            {
                f.Write(record);
            }
            catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
            {
                Fail(f, e);
                break;
            }
        }

        if (Failure is null && AttentionWritten is { } seen && OutcomeKinds.NeedsAttention(record.Outcome))
        {
            seen(record);
        }

        if (_time.GetElapsedTime(_lastFlush) >= FlushInterval)
        {
            Flush();
        }
    }

    public void Flush()
    {
        foreach (var f in Failure is null ? _formatters : [])
        {
            try
            {
                f.Flush();
            }
            catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
            {
                Fail(f, e);
                break;
            }
        }

        _lastFlush = _time.GetTimestamp();
    }

    public void Dispose()
    {
        foreach (var f in _formatters)
        {
            try
            {
                f.Dispose();
            }
            catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
            {
                Fail(f, e); // its last flush failed: already known, or known now; never an exception out of a using
            }
        }
    }

    private void Fail(IAuditFormatter formatter, Exception e)
    {
        if (Failure is null)
        {
            (Failure, FailedPath) = (e, formatter.Path);
        }
    }
}
