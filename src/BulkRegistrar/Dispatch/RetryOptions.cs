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

    public BudgetOptions Budget { get; set; } = new();
}
