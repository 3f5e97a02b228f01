using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Dispatch;

public sealed class ReadBackTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly ObservedClock _clock = new();
    private readonly DispatchOptions _options = new() { MaxAttempts = 1 };

    private ReadBack Reading(Func<int, string> bodyOfRead, double timeCompression, out Func<int> reads)
    {
        var count = 0;
        reads = () => count;
        var executor = new GraphExecutor((_, _) => Task.FromResult(new CallResult(200, bodyOfRead(++count), null, null, null)),
            _clock, new DispatchStats(), _options, timeCompression);
        return new ReadBack(executor, _clock, timeCompression, CancellationToken.None);
    }

    /// <summary>The next wait ReadBack asks for, skipping the Dispatch:MaxRetryTime timer each read starts.</summary>
    private async Task<TimeSpan> NextWait()
    {
        while (true)
        {
            var due = await _clock.NextTimerAsync();
            if (due != _options.MaxRetryTime)
            {
                return due;
            }
        }
    }

    [Fact]
    public async Task A_write_the_first_reads_do_not_show_is_read_again_after_growing_waits_until_it_shows()
    {
        var readBack = Reading(n => n >= 3 ? "shown" : "not yet", timeCompression: 2, out var reads);

        var run = readBack.UntilAsync(() => new RequestInformation(), b => b == "shown");
        foreach (var expected in new[] { 0.125, 0.25 }) // 0.25 s and 0.5 s of the target's time, at k = 2
        {
            var wait = await NextWait();
            Assert.Equal(TimeSpan.FromSeconds(expected), wait);
            _clock.Advance(wait);
        }

        var (body, shown, failed) = await run.WaitAsync(Guard);
        Assert.True(shown);
        Assert.Equal("shown", body);
        Assert.Null(failed);
        Assert.Equal(3, reads());
    }

    [Fact]
    public async Task Reading_back_gives_up_after_six_reads_spread_over_less_than_eight_seconds()
    {
        var readBack = Reading(_ => "never", timeCompression: 1, out var reads);

        var run = readBack.UntilAsync(() => new RequestInformation(), b => b == "shown");
        var waited = TimeSpan.Zero;
        while (!run.IsCompleted && reads() < 6)
        {
            var wait = await NextWait();
            waited += wait;
            _clock.Advance(wait);
        }

        var (_, shown, _) = await run.WaitAsync(Guard);
        Assert.False(shown);
        Assert.Equal(6, reads());
        Assert.Equal(TimeSpan.FromSeconds(7.75), waited);
    }
}
