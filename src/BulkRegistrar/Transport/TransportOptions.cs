namespace BulkRegistrar.Transport;

/// <summary>
/// The transport's numbers from the <c>Dispatch</c> section (bound as <c>DispatchOptions</c>, which adds
/// the one choice of the per-user workflow): every number of the two retry layers and the bounds of the run
/// (docs/sdk-notes.md §4.1 tells the whole retry story). Backoff (used when Graph gives no Retry-After)
/// is exponential with jitter from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>; Retry-After always wins.
/// </summary>
internal class TransportOptions
{
    /// <summary>Upper bound of batches in flight (<c>--concurrency</c>); the dispatcher adapts below it.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Attempts per operation (one request inside a <c>$batch</c>), the first included: the item layer.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Sends of one <c>$batch</c> envelope that Graph refused as a whole with 429 (nothing in it ran), the first
    /// included: the envelope layer. An envelope that met a 5xx or no answer is never re-sent whole.
    /// </summary>
    public int EnvelopeAttempts { get; set; } = 6;

    /// <summary>First backoff delay of both layers, when Graph gives no Retry-After; it doubles per retry.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the backoff delay (not of a Retry-After, which is always honoured in full).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long after an answer that leaves a write's fate open (5xx, no answer) the re-read that decides whether to send it again
    /// waits at least: a read sooner may not show a write that landed yet (docs/graph-behaviour.md §11.8), and the write sent again
    /// would be a duplicate create. 2 s is the emulator's strict lag (docs/emulator.md); Graph documents no bound.
    /// </summary>
    public TimeSpan ReadAfterWriteLag { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one HTTP request (one send of an envelope) may take. Longer than the ~60 s after which Graph
    /// abandons an authentication-methods call (docs/graph-behaviour.md §1.2), so an attempt is not given up
    /// while Graph may still be running it; 100 s is also HttpClient's own default.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The most requests one operation can cost: every item attempt may meet an envelope resent to its limit.</summary>
    public int WorstCaseSends => MaxAttempts * EnvelopeAttempts;

    /// <summary>How long one operation may spend retrying before it is reported <c>Failed</c>.</summary>
    public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After Ctrl+C or SIGTERM, how long batches already sent are awaited; their items still unanswered
    /// then are <c>Failed</c>/<c>OutcomeUnknown</c>. Not time-compressed: it bounds a real stop.
    /// </summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(30);

    public BudgetOptions Budget { get; set; } = new();

    /// <summary>Checked once at start-up, so a bad value is one sentence and exit code 2, not a crash mid-run.</summary>
    public virtual IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Concurrency is < 1 or > 64)
        {
            errors.Add("Dispatch:Concurrency must be between 1 and 64");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            errors.Add("Dispatch:MaxAttempts must be between 1 and 100");
        }

        if (EnvelopeAttempts is < 1 or > 10)
        {
            errors.Add("Dispatch:EnvelopeAttempts must be between 1 and 10");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add("Dispatch:BaseDelay must be positive and at most Dispatch:MaxDelay (at most 1 hour)");
        }

        if (ReadAfterWriteLag < TimeSpan.Zero || ReadAfterWriteLag > TimeSpan.FromMinutes(1))
        {
            errors.Add("Dispatch:ReadAfterWriteLag must be between 0 and 1 minute");
        }

        if (AttemptTimeout <= TimeSpan.FromSeconds(60) || AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("Dispatch:AttemptTimeout must be more than 60 seconds (Graph's own limit for a call) and at most 10 minutes");
        }

        if (MaxRetryTime < TimeSpan.FromSeconds(1) || MaxRetryTime > TimeSpan.FromHours(24))
        {
            errors.Add("Dispatch:MaxRetryTime must be between 1 second and 24 hours");
        }

        if (DrainTime < TimeSpan.FromSeconds(1) || DrainTime > TimeSpan.FromMinutes(10))
        {
            errors.Add("Dispatch:DrainTime must be between 1 second and 10 minutes");
        }

        if (Budget.Writes < BatchSender.MaxBatchSize || Budget.ResourceUnits < BatchSender.MaxBatchSize * 2
            || Budget.WritesPerSecond <= 0 || Budget.ResourceUnitsPerSecond <= 0)
        {
            errors.Add("Dispatch:Budget needs capacities of at least one batch (20 writes, 40 resource units) and positive rates");
        }

        return errors;
    }
}
