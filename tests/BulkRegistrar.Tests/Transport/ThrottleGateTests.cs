using BulkRegistrar.Transport;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Transport;

public class ThrottleGateTests
{
    private readonly FakeTimeProvider _time = new();

    private void Advance(double seconds, ManualContext loop)
    {
        _time.Advance(TimeSpan.FromSeconds(seconds));
        loop.Drain();
    }

    [Fact]
    public void Wait_completes_at_once_while_the_gate_is_open()
    {
        var gate = new ThrottleGate(_time);

        Assert.True(gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.Zero, gate.TimeClosed);
    }

    [Fact]
    public void Close_holds_a_waiter_until_the_retry_after_has_passed_on_the_clock()
    {
        using var loop = new ManualContext();
        var gate = new ThrottleGate(_time);

        gate.Close(TimeSpan.FromSeconds(7));
        var wait = gate.WaitAsync(CancellationToken.None);
        Advance(6.9, loop);
        Assert.False(wait.IsCompleted);

        Advance(0.1, loop);
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void A_longer_close_extends_the_window_for_waiters_already_waiting()
    {
        using var loop = new ManualContext();
        var gate = new ThrottleGate(_time);
        gate.Close(TimeSpan.FromSeconds(7));
        var wait = gate.WaitAsync(CancellationToken.None);

        Advance(2, loop);
        gate.Close(TimeSpan.FromSeconds(10));
        Advance(9.9, loop);
        Assert.False(wait.IsCompleted);

        Advance(0.1, loop);
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_shorter_close_does_not_shorten_the_window()
    {
        using var loop = new ManualContext();
        var gate = new ThrottleGate(_time);
        gate.Close(TimeSpan.FromSeconds(7));

        Advance(1, loop);
        gate.Close(TimeSpan.FromSeconds(2));
        var wait = gate.WaitAsync(CancellationToken.None);
        Advance(5.9, loop);
        Assert.False(wait.IsCompleted);

        Advance(0.1, loop);
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void Time_closed_adds_up_windows_and_counts_an_overlap_once()
    {
        var gate = new ThrottleGate(_time);

        gate.Close(TimeSpan.FromSeconds(7));
        _time.Advance(TimeSpan.FromSeconds(2));
        gate.Close(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(12), gate.TimeClosed);

        gate.Close(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(12), gate.TimeClosed);

        _time.Advance(TimeSpan.FromSeconds(18));
        gate.Close(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(17), gate.TimeClosed);
    }

    [Fact]
    public void A_cancelled_wait_ends_with_cancellation_while_the_gate_stays_closed()
    {
        using var loop = new ManualContext();
        var gate = new ThrottleGate(_time);
        gate.Close(TimeSpan.FromSeconds(7));
        using var cts = new CancellationTokenSource();

        var wait = gate.WaitAsync(cts.Token).AsTask();
        cts.Cancel();
        loop.Drain();

        Assert.True(wait.IsCanceled);
    }

    [Fact]
    public void A_write_budget_window_holds_writes_while_reads_are_sent_at_once()
    {
        using var loop = new ManualContext();
        var gate = new ThrottleGate(_time);

        gate.Close(RequestKinds.Writes, TimeSpan.FromSeconds(3));

        Assert.True(gate.WaitAsync(RequestKinds.Reads, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(RequestKinds.Reads, gate.Open(RequestKinds.All));
        Assert.Equal(TimeSpan.Zero, gate.UntilAnyOpen(RequestKinds.All));
        Assert.Equal(TimeSpan.FromSeconds(3), gate.UntilAnyOpen(RequestKinds.Writes));
        var write = gate.WaitAsync(RequestKinds.Writes, CancellationToken.None);
        var mixed = gate.WaitAsync(RequestKinds.All, CancellationToken.None);
        Advance(2.9, loop);
        Assert.False(write.IsCompleted);
        Assert.False(mixed.IsCompleted);

        Advance(0.1, loop);
        Assert.True(write.IsCompletedSuccessfully);
        Assert.True(mixed.IsCompletedSuccessfully);
    }

    [Fact]
    public void Time_closed_counts_overlapping_windows_of_different_kinds_once()
    {
        var gate = new ThrottleGate(_time);

        gate.Close(RequestKinds.Writes, TimeSpan.FromSeconds(4));
        _time.Advance(TimeSpan.FromSeconds(1));
        gate.Close(RequestKinds.Reads, TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(4), gate.TimeClosed);

        gate.Close(RequestKinds.Reads, TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(6), gate.TimeClosed);
        Assert.Equal(RequestKinds.None, gate.Open(RequestKinds.All));
    }
}
