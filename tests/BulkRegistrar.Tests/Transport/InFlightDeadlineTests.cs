using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Transport;

public sealed class InFlightDeadlineTests : IDisposable
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stopNow = new();

    public void Dispose()
    {
        _stop.Dispose();
        _stopNow.Dispose();
    }

    private InFlightDeadline Deadline() => new(_stop.Token, _stopNow.Token, Drain, _clock);

    [Fact]
    public void Without_a_stop_requests_in_flight_are_awaited_however_long_they_take()
    {
        using var deadline = Deadline();

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.False(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void After_the_stop_requests_in_flight_are_awaited_for_the_drain_time_counted_from_the_signal()
    {
        using var deadline = Deadline();
        _clock.Advance(TimeSpan.FromMinutes(5));

        _stop.Cancel();
        _clock.Advance(Drain - TimeSpan.FromMilliseconds(1));
        Assert.False(deadline.Token.IsCancellationRequested);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_second_signal_stops_waiting_at_once()
    {
        using var deadline = Deadline();
        _stop.Cancel();

        _stopNow.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Drain_time_is_range_checked_at_start_up()
    {
        Assert.Contains(new DispatchOptions { DrainTime = TimeSpan.Zero }.Validate(), e => e.Contains("Dispatch:DrainTime", StringComparison.Ordinal));
        Assert.Contains(new DispatchOptions { DrainTime = TimeSpan.FromHours(1) }.Validate(), e => e.Contains("Dispatch:DrainTime", StringComparison.Ordinal));
        Assert.Empty(new DispatchOptions().Validate());
        Assert.Equal(TimeSpan.FromSeconds(30), new DispatchOptions().DrainTime);
    }
}
