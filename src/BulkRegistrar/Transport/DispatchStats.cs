using System.Collections.Concurrent;

namespace BulkRegistrar.Transport;

/// <summary>What the dispatcher did, for the progress display and summary.json.</summary>
internal sealed class DispatchStats
{
    private long _batches;
    private long _requests;
    private long _writes;
    private long _throttled;
    private long _retries;

    public ConcurrentDictionary<int, long> Statuses { get; } = new();

    public long Batches => Interlocked.Read(ref _batches);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Write requests that Graph answered with success.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public long Throttled => Interlocked.Read(ref _throttled);

    public long Retries => Interlocked.Read(ref _retries);

    public void OnBatch(IReadOnlyList<GraphCall> calls, IReadOnlyList<CallResult> results)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, calls.Count);
        for (var i = 0; i < results.Count; i++)
        {
            Statuses.AddOrUpdate(results[i].Status, 1, (_, n) => n + 1);
            if (results[i].IsThrottled)
            {
                Interlocked.Increment(ref _throttled);
            }
            else if (results[i].IsSuccess && calls[i].IsWrite)
            {
                Interlocked.Increment(ref _writes);
            }
        }
    }

    public void OnRetry() => Interlocked.Increment(ref _retries);
}
