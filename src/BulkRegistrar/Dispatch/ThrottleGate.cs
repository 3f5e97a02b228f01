namespace BulkRegistrar.Dispatch;

/// <summary>
/// Graph throttles per app+tenant, so one 429 pauses every request until its Retry-After has
/// passed: nothing is sent inside a Retry-After window (an early retry is rejected and extends the
/// window). Every sender awaits <see cref="WaitAsync"/> before it sends.
/// </summary>
internal sealed class ThrottleGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _openAt = DateTimeOffset.MinValue;
    private TimeSpan _closed;

    /// <summary>Total time the gate has been closed (time spent throttled).</summary>
    public TimeSpan TimeClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>
    /// A Retry-After is counted from when Graph sent it; a few milliseconds more make sure the next
    /// request cannot arrive a hair early after timer rounding.
    /// </summary>
    public static TimeSpan WithMargin(TimeSpan retryAfter) => retryAfter + TimeSpan.FromMilliseconds(5) + (retryAfter * 0.02);

    public void Close(TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (_lock)
        {
            if (until > _openAt)
            {
                var now = time.GetUtcNow();
                _closed += until - (_openAt > now ? _openAt : now);
                _openAt = until;
            }
        }
    }

    public async ValueTask WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                wait = _openAt - time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, ct);
        }
    }
}
