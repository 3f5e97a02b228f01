namespace BulkRegistrar.Transport;

/// <summary>
/// A client-side mirror of the tenant's token buckets (resource units and writes per app+tenant,
/// docs/graph-behaviour.md §T1.2): requests are released no faster than the budget refills, so a long run
/// holds the budget instead of bouncing off it in 429 storms. It learns from Graph: a 429 means
/// Graph's bucket is empty, so the mirror empties too and its refill rate is cut (multiplicative
/// decrease); a long stretch without 429s while saturated raises the rate back towards the
/// configured budget (additive increase). The batches already in flight when Graph's bucket ran dry
/// all come back 429 within about one round trip: they are one signal, so the rate is cut at most once per
/// <see cref="CutSpacing"/> of Graph time (each 429 still empties the mirror). The run's first 429, when it meets a mirror
/// already all but empty (the end of the first burst), only empties it: the rate was right.
/// </summary>
internal sealed class BudgetPacer
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Bucket _ru;
    private readonly Bucket _write;
    private readonly TimeSpan _cutSpacing;

    public BudgetPacer(TimeProvider time, BudgetOptions budget, double timeCompression)
    {
        _time = time;
        _cutSpacing = CutSpacing / timeCompression;
        var now = time.GetUtcNow();
        _ru = new Bucket(budget.ResourceUnits, budget.ResourceUnitsPerSecond * timeCompression, now);
        _write = new Bucket(budget.Writes, budget.WritesPerSecond * timeCompression, now);
    }

    /// <summary>After a budget 429, further ones within this much Graph time are the same signal: they only empty the mirror.</summary>
    public static readonly TimeSpan CutSpacing = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The run's first budget 429, when it finds the mirror holding less than this share of its capacity, is a matter of phase, not
    /// of rate: the mirror is emptied and the rate kept. One that finds the mirror fuller (the budget is smaller than configured,
    /// or shared) cuts it.
    /// </summary>
    private const double AlignedShare = 0.1;

    /// <summary>Current write refill rate (after adaptation), per wall-clock second.</summary>
    public double WriteRate
    {
        get
        {
            lock (_lock)
            {
                return _write.Rate;
            }
        }
    }

    /// <summary>Waits until the budget has <paramref name="reads"/> RU and <paramref name="writes"/> writes, then takes them.</summary>
    public async ValueTask TakeAsync(int reads, int writes, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                _ru.Refill(now);
                _write.Refill(now);
                wait = Max(_ru.TimeUntil(reads + writes), _write.TimeUntil(writes));
                if (wait <= TimeSpan.Zero)
                {
                    _ru.Tokens -= reads + writes;
                    _write.Tokens -= writes;
                    return;
                }
            }

            await Task.Delay(wait, _time, ct);
        }
    }

    /// <summary>
    /// A batch's answers: each bucket a 429 named spent is emptied and cut once (a <c>Write</c> scope is the write bucket;
    /// <c>Read</c> and <c>ReadWrite</c> the resource-unit bucket, which reads and writes both draw from: twenty items refused
    /// by one empty bucket are one signal, not twenty); an answer without a spent budget lets the rate creep back.
    /// </summary>
    public void Apply(ThrottleSignal signal)
    {
        if (signal.WriteBucketEmpty)
        {
            OnThrottled(writeLimit: true);
        }

        if (signal.ResourceBucketEmpty)
        {
            OnThrottled(writeLimit: false);
        }

        if (signal.Budget == RequestKinds.None)
        {
            OnAdmitted();
        }
    }

    /// <summary>Graph said 429 for a spent budget: its bucket is empty. Empty ours and slow down.</summary>
    public void OnThrottled(bool writeLimit)
    {
        lock (_lock)
        {
            var bucket = writeLimit ? _write : _ru;
            var now = _time.GetUtcNow();
            // Refill up to now first: otherwise the next take credits the time before the 429 and the
            // "empty" bucket hands out a full burst straight into Graph's empty one.
            bucket.Refill(now);
            var believed = bucket.Tokens;
            bucket.Tokens = Math.Min(bucket.Tokens, 0);
            if (bucket.LastSignal is { } last && now - last < _cutSpacing)
            {
                return; // a batch that was already on its way when Graph's bucket ran dry: the same signal again
            }

            var first = bucket.LastSignal is null;
            bucket.LastSignal = now;
            if (first && believed < bucket.Capacity * AlignedShare)
            {
                // The run's first budget 429 found the mirror dry with Graph's bucket, to within the requests in flight (the end
                // of the first burst): its rate is right, only its phase was off, and emptying it is the whole correction. A cut
                // here cost ≈ 40 writes at k = 10. Every later 429 cuts as before: one that keeps coming means the rate is too high.
                return;
            }

            bucket.Rate = Math.Max(bucket.Rate * 0.8, bucket.ConfiguredRate * 0.25);
        }
    }

    /// <summary>A batch came back with no 429: creep back towards the configured rate.</summary>
    public void OnAdmitted()
    {
        lock (_lock)
        {
            _write.Rate = Math.Min(_write.ConfiguredRate, _write.Rate + (_write.ConfiguredRate * 0.01));
            _ru.Rate = Math.Min(_ru.ConfiguredRate, _ru.Rate + (_ru.ConfiguredRate * 0.01));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Bucket(double capacity, double rate, DateTimeOffset now)
    {
        private DateTimeOffset _last = now;

        public double Capacity { get; } = capacity;

        public double ConfiguredRate { get; } = rate;

        public double Rate { get; set; } = rate;

        public double Tokens { get; set; } = capacity;

        /// <summary>When the last budget 429 that was not a repeat of an earlier one's signal arrived.</summary>
        public DateTimeOffset? LastSignal { get; set; }

        public void Refill(DateTimeOffset now)
        {
            Tokens = Math.Min(Capacity, Tokens + ((now - _last).TotalSeconds * Rate));
            _last = now;
        }

        public TimeSpan TimeUntil(int needed) =>
            needed <= Tokens ? TimeSpan.Zero : TimeSpan.FromSeconds((needed - Tokens) / Rate);
    }
}

/// <summary>
/// <c>Dispatch:Budget</c>: the documented identity budget of one app in one tenant (docs/graph-behaviour.md §T1.2,
/// size L): 8,000 RU per 10 s and 3,000 writes per 150 s. Lower it when other jobs share the app.
/// </summary>
internal sealed class BudgetOptions
{
    public double ResourceUnits { get; set; } = 8000;

    public double ResourceUnitsPerSecond { get; set; } = 800;

    public double Writes { get; set; } = 3000;

    public double WritesPerSecond { get; set; } = 20;
}
