using BulkRegistrar.Cli;
using BulkRegistrar.Transport;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Cli;

public class ThroughputLogTests
{
    private static readonly GraphCall Write = new(new RequestInformation { HttpMethod = Method.POST, URI = new Uri("https://x/v1.0/users/1") }, IsWrite: true);

    [Fact]
    public async Task One_throughput_line_is_logged_per_minute_of_the_run_and_none_after_it()
    {
        var time = new FakeTimeProvider();
        var log = new CollectingLog();
        var stats = new DispatchStats();
        var work = new TaskCompletionSource();
        var running = new ThroughputLog(log.Logger, time, stats, () => 7, () => TimeSpan.FromSeconds(3)).RunWhile(work.Task);

        stats.OnBatch([Write, Write], [new CallResult(201, "{}", null, null, null), new CallResult(201, "{}", null, null, null)]);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(log.Lines);
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromMinutes(1));
        work.SetResult();
        await running;
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(2, log.Lines.Count);
        Assert.Equal("Throughput: 7 users done; 2 requests (+2), 2 writes (+2, 0.0/s) in the last minute; 0 retries, 0 answered 429, 3.0 s throttled so far",
            log.Lines[0]);
        Assert.StartsWith("Throughput: 7 users done; 2 requests (+0), 2 writes (+0,", log.Lines[1], StringComparison.Ordinal);
    }
}
