namespace BulkRegistrar.Dispatch;

/// <summary>
/// The <c>--max-changes N</c> guardrail: the run stops before its N+1th write. A write reserves its
/// place before its first attempt; retries of the same write do not count again.
/// </summary>
internal sealed class ChangeBudget(long? limit)
{
    private long _reserved;

    public long? Limit => limit;

    public bool TryReserve()
    {
        if (limit is null)
        {
            return true;
        }

        if (Interlocked.Increment(ref _reserved) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        return false;
    }

    /// <summary>Gives a reserved place back: the write was refused without changing anything (a write-first guess).</summary>
    public void Release()
    {
        if (limit is not null)
        {
            Interlocked.Decrement(ref _reserved);
        }
    }
}
