namespace BulkRegistrar.Dispatch;

/// <summary>
/// How many batches may be in flight, adapted AIMD-style below the <c>--concurrency</c> ceiling:
/// +1 per round of batches answered without throttling (and while Graph's
/// <c>x-ms-throttle-limit-percentage</c> stays under 0.9, the early signal), halved on a 429.
/// </summary>
internal sealed class ConcurrencyLimit(int ceiling, int start = 4)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
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

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            return waiter.Task.WaitAsync(ct);
        }
    }

    public void Release(bool throttled, double? limitPercentage)
    {
        lock (_lock)
        {
            if (throttled)
            {
                _limit = Math.Max(1, _limit / 2);
            }
            else if (limitPercentage is null or < 0.9)
            {
                _limit = Math.Min(ceiling, _limit + (1 / _limit));
            }

            _inFlight--;
            while (_inFlight < (int)_limit && _waiters.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    _inFlight++;
                    Peak = Math.Max(Peak, _inFlight);
                }
            }
        }
    }
}
