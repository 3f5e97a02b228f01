namespace BulkRegistrar.Dispatch;

/// <summary>
/// <c>Dispatch</c> section: retries per operation and the bounds of the run. Backoff (used when
/// Graph gives no Retry-After) is exponential with jitter; Retry-After always wins.
/// </summary>
internal sealed class DispatchOptions
{
    /// <summary>Upper bound of batches in flight (<c>--concurrency</c>); the dispatcher adapts below it.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Attempts per operation, the first included.</summary>
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one operation may spend retrying before it is reported <c>Failed</c>.</summary>
    public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After Ctrl+C or SIGTERM, how long batches already sent are awaited; their items still unanswered
    /// then are <c>Failed</c>/<c>OutcomeUnknown</c>. Not time-compressed: it bounds a real stop.
    /// </summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(30);

    public BudgetOptions Budget { get; set; } = new();

    /// <summary>Whether apply may send a new user's creates before reading the user (<see cref="WriteFirstPolicy"/>).</summary>
    public WriteFirstMode WriteFirst { get; set; } = WriteFirstMode.Auto;

    /// <summary>Checked once at start-up, so a bad value is one sentence and exit code 2, not a crash mid-run.</summary>
    public IReadOnlyList<string> Validate()
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

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add("Dispatch:BaseDelay must be positive and at most Dispatch:MaxDelay (at most 1 hour)");
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
