namespace BulkRegistrar.Transport;

/// <summary>
/// How many batches may be in flight, adapted AIMD-style below the <c>--concurrency</c> ceiling:
/// +1 per round of batches answered without throttling (and while Graph's
/// <c>x-ms-throttle-limit-percentage</c> stays under 0.9, the early signal), halved on a budget 429,
/// lowered by one on a batch mostly refused by 429s that name no budget (the service is busy: send less
/// at once, but a passing hiccup is no reason to halve — measured: the realistic profile's ~50 spurious
/// 429s per 8,000 rows, each cutting by a quarter, held the run below the write budget for seconds; and a
/// busy 429 on a few items of an answered batch does not count at all, <see cref="ThrottleSignal.ForConcurrency"/>).
/// </summary>
internal sealed class ConcurrencyLimit(int ceiling, int start = 4)
{
    private readonly Lock _lock = new();
    private readonly Queue<(TaskCompletionSource Waiter, CancellationTokenRegistration Registration)> _waiters = new();
    private double _limit = Math.Clamp(start, 1, ceiling);
    private int _inFlight;

    public int Current
    {
        get
        {
            lock (_lock)
            {
                return (int)_limit;
            }
        }
    }

    public int Peak { get; private set; }

    public Task AcquireAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (_inFlight < (int)_limit)
            {
                _inFlight++;
                Peak = Math.Max(Peak, _inFlight);
                return Task.CompletedTask;
            }

            // Cancellation cancels the waiter itself, so Release cannot hand its slot to a caller that
            // has gone (TrySetResult fails) and the slot is not lost.
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = ct.Register(static (w, t) => ((TaskCompletionSource)w!).TrySetCanceled(t), waiter);
            _waiters.Enqueue((waiter, registration));
            return waiter.Task;
        }
    }

    /// <summary>A batch came back: its slot is free, and what its answers said about throttling sets the limit.</summary>
    public void Release(ThrottleSignal signal) => Release(signal.Budget != RequestKinds.None, signal.LimitPercentage, signal.Busy);

    /// <summary>The slot was not used (nothing was sent): no reason to widen the limit.</summary>
    public void ReleaseUnused() => Release(throttled: false, limitPercentage: 1.0);

    /// <param name="throttled">A 429 said the budget is spent.</param>
    /// <param name="busy">A 429 (or Retry-After) that names no budget.</param>
    public void Release(bool throttled, double? limitPercentage, bool busy = false)
    {
        lock (_lock)
        {
            if (throttled)
            {
                _limit = Math.Max(1, _limit / 2);
            }
            else if (busy)
            {
                _limit = Math.Max(1, _limit - 1);
            }
            else if (limitPercentage is null or < 0.9)
            {
                _limit = Math.Min(ceiling, _limit + (1 / _limit));
            }

            _inFlight--;
            while (_inFlight < (int)_limit && _waiters.TryDequeue(out var next))
            {
                next.Registration.Dispose();
                if (next.Waiter.TrySetResult())
                {
                    _inFlight++;
                    Peak = Math.Max(Peak, _inFlight);
                }
            }
        }
    }
}
