using BulkRegistrar.Transport;
using Serilog;

namespace BulkRegistrar.Cli;

/// <summary>
/// One run.log line per minute while Graph work runs: a long nightly run leaves a trace of its pace
/// (and of when it stalled) even when nobody watched the console. Driven by the run's TimeProvider.
/// </summary>
internal sealed class ThroughputLog(ILogger log, TimeProvider time, DispatchStats stats, Func<long> usersDone, Func<TimeSpan> throttled)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long _lastRequests;
    private long _lastWrites;

    public async Task RunWhile(Task work)
    {
        using (time.CreateTimer(_ => Write(), null, Interval, Interval))
        {
            await work;
        }
    }

    public void Write()
    {
        lock (_lock)
        {
            var (requests, writes) = (stats.Requests, stats.Writes);
            log.Information("Throughput: {Users} users done; {Requests} requests (+{NewRequests}), {Writes} writes (+{NewWrites}, "
                + "{WritesPerSecond:0.0}/s) in the last minute; {Retries} retries, {Throttled} answered 429, {ThrottledSeconds:0.0} s throttled so far",
                usersDone(), requests, requests - _lastRequests, writes, writes - _lastWrites, (writes - _lastWrites) / Interval.TotalSeconds,
                stats.Retries, stats.Throttled, throttled().TotalSeconds);
            (_lastRequests, _lastWrites) = (requests, writes);
        }
    }
}
