using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace TestSupport;

/// <summary>
/// A fake clock that reports every timer the code under test sets. Polly resumes its retries on the
/// thread pool, so a test cannot see when a retry is "about to be sent"; it can see the delay Polly
/// asked for, advance by exactly that, and know nothing else was due in between.
/// </summary>
public sealed class ObservedClock : FakeTimeProvider
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly Channel<TimeSpan> _set = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Report(dueTime);
        return new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    /// <summary>The due time of the next timer set (the real-time guard only stops a hung test).</summary>
    public Task<TimeSpan> NextTimerAsync() => _set.Reader.ReadAsync().AsTask().WaitAsync(Guard);

    private void Report(TimeSpan dueTime)
    {
        // A timer created unarmed (a CancellationTokenSource before CancelAfter) is reported when it is armed.
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _set.Writer.TryWrite(dueTime);
        }
    }

    private sealed class ObservedTimer(ITimer inner, ObservedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Report(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
