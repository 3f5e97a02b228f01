namespace BulkRegistrar.Dispatch;

/// <summary>--verify's counts for summary.json.</summary>
internal sealed class VerifyStats
{
    private long _verified;
    private long _mismatches;

    public long Verified => Interlocked.Read(ref _verified);

    public long Mismatches => Interlocked.Read(ref _mismatches);

    public void Count(bool shown) => Interlocked.Increment(ref shown ? ref _verified : ref _mismatches);
}
