namespace BulkRegistrar.Transport;

/// <summary>
/// How many batches may be in flight, adapted AIMD-style below the <c>--concurrency</c> ceiling. It starts slow and doubles per
/// round of batches answered (+1 per answer, as TCP's slow start) until Graph first says anything about its load — a budget 429,
/// a batch mostly refused as busy, or <c>x-ms-throttle-limit-percentage</c> at 0.9 or more: a run that stays below the budget
/// (a small file, or one whose rate failures hold down) should not spend its first rounds on four batches at a time. From then on,
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
    private int _freedEarly;
    private bool _slowStart = true;

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
    public void Release(ThrottleSignal signal) => Settle(signal, freeSlot: true);

    /// <summary>The slot was not used (nothing was sent): no reason to widen the limit.</summary>
    public void ReleaseUnused() => Settle(throttled: false, limitPercentage: 1.0, busy: false, freeSlot: true, heard: false);

    /// <param name="throttled">A 429 said the budget is spent.</param>
    /// <param name="busy">A 429 (or Retry-After) that names no budget.</param>
    public void Release(bool throttled, double? limitPercentage, bool busy = false) => Settle(throttled, limitPercentage, busy, freeSlot: true);

    /// <summary>
    /// A batch still unanswered <see cref="SlowAfter"/> after it left gives its slot to the next one; it is still awaited, and its
    /// answer, when it comes, sets the limit as any other (<see cref="Slot.Release"/>). Without this, batches the service holds
    /// until its one-minute abandon (504) kept their slots: after budget 429s had halved the limit to as many slots as such
    /// batches held, nothing was sent until one came back — 4.7 s without a request in a strict run (docs/benchmarks.md, issue 22).
    /// </summary>
    public TimeSpan SlowAfter { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// <see cref="SlowAfter"/> on Graph's clock: a <c>$batch</c> of 20 is answered within a few seconds when Graph is well, and the service
    /// abandons a request after a minute (docs/graph-behaviour.md §1.2); ten seconds is past the one and far short of the other.
    /// </summary>
    public static readonly TimeSpan SlowBatch = TimeSpan.FromSeconds(10);

    /// <summary>How many batches gave their slot back before their answer came.</summary>
    public int FreedEarly => Volatile.Read(ref _freedEarly);

    /// <summary>Watches the slot of a batch that has just left (its slot was acquired with <see cref="AcquireAsync"/>).</summary>
    public Slot Watch(TimeProvider time) => new(this, time);

    private void Settle(ThrottleSignal signal, bool freeSlot) => Settle(signal.Budget != RequestKinds.None, signal.LimitPercentage, signal.Busy, freeSlot);

    /// <param name="heard">An answer of Graph's (false: a slot given back unused, or freed before its answer came), which may end the slow start.</param>
    private void Settle(bool throttled, double? limitPercentage, bool busy, bool freeSlot, bool heard = true)
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
                _limit = Math.Min(ceiling, _limit + (_slowStart ? 1 : 1 / _limit));
            }

            _slowStart &= !heard || (!throttled && !busy && limitPercentage is null or < 0.9);

            if (freeSlot)
            {
                _inFlight--;
            }

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

    /// <summary>One batch's slot: freed once, by its answer or by <see cref="SlowAfter"/>, whichever comes first.</summary>
    internal sealed class Slot : IDisposable
    {
        private readonly ConcurrencyLimit _limit;
        private readonly ITimer? _timer;
        private int _freed;

        public Slot(ConcurrencyLimit limit, TimeProvider time)
        {
            _limit = limit;
            if (limit.SlowAfter != Timeout.InfiniteTimeSpan)
            {
                _timer = time.CreateTimer(static s => ((Slot)s!).FreeEarly(), this, limit.SlowAfter, Timeout.InfiniteTimeSpan);
            }
        }

        /// <summary>The batch's answers: the limit follows what they said; the slot is freed unless it already was.</summary>
        public void Release(ThrottleSignal signal)
        {
            _timer?.Dispose();
            var free = Interlocked.Exchange(ref _freed, 1) == 0;
            _limit.Settle(signal, freeSlot: free);
        }

        public void Dispose() => _timer?.Dispose();

        private void FreeEarly()
        {
            if (Interlocked.Exchange(ref _freed, 1) == 0)
            {
                Interlocked.Increment(ref _limit._freedEarly);
                _limit.Settle(throttled: false, limitPercentage: 1.0, busy: false, freeSlot: true, heard: false); // the limit is the answer's to set
            }
        }
    }
}
