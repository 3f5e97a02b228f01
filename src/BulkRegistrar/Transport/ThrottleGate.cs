namespace BulkRegistrar.Transport;

/// <summary>Which requests a Retry-After window holds: reads (GET), writes (POST/PATCH/PUT/DELETE), or both.</summary>
[Flags]
internal enum RequestKinds
{
    None = 0,
    Reads = 1,
    Writes = 2,
    All = Reads | Writes,
}

/// <summary>
/// Graph throttles per app+tenant budget (docs/graph-behaviour.md §T1.2–§T1.3): a 429 whose
/// <c>x-ms-throttle-scope</c> names <c>Write</c>, <c>Read</c> or <c>ReadWrite</c> means that kind of
/// request is refused for every user of the app until its Retry-After has passed, so the gate holds
/// that kind for everyone (an early request is rejected and extends the window). A 429 that names no
/// budget is about the one request that got it: its own retry waits, nobody else does (the rules:
/// <see cref="ThrottleSignal"/>; the envelope layer applies them, <see cref="HttpResilience"/>). Every sender
/// awaits <see cref="WaitAsync(RequestKinds, CancellationToken)"/> for the kinds it is about to send.
/// </summary>
internal sealed class ThrottleGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _readsOpenAt = DateTimeOffset.MinValue;
    private DateTimeOffset _writesOpenAt = DateTimeOffset.MinValue;
    private TimeSpan _closed;

    /// <summary>Total time some kind of request has been held (time spent throttled), overlaps counted once.</summary>
    public TimeSpan TimeClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>
    /// A Retry-After is counted from when Graph sent it; a few milliseconds more make sure the next
    /// request cannot arrive a hair early after timer rounding.
    /// </summary>
    public static TimeSpan WithMargin(TimeSpan retryAfter) => retryAfter + TimeSpan.FromMilliseconds(5) + (retryAfter * 0.02);

    /// <summary>Holds what a signal says to hold for everyone (<see cref="ThrottleSignal.HoldReads"/>, <see cref="ThrottleSignal.HoldWrites"/>).</summary>
    public void Hold(ThrottleSignal signal)
    {
        if (signal.HoldReads == signal.HoldWrites)
        {
            if (signal.HoldReads is { } both)
            {
                Close(RequestKinds.All, both);
            }

            return;
        }

        if (signal.HoldReads is { } reads)
        {
            Close(RequestKinds.Reads, reads);
        }

        if (signal.HoldWrites is { } writes)
        {
            Close(RequestKinds.Writes, writes);
        }
    }

    /// <summary>Holds every kind of request (a budget that covers both, or a <c>$batch</c> envelope refused with Retry-After).</summary>
    public void Close(TimeSpan retryAfter) => Close(RequestKinds.All, retryAfter);

    public void Close(RequestKinds kinds, TimeSpan retryAfter)
    {
        if (kinds == RequestKinds.None)
        {
            return;
        }

        var now = time.GetUtcNow();
        var until = now + retryAfter;
        lock (_lock)
        {
            var anyClosedUntil = Max(_readsOpenAt, _writesOpenAt);
            if (until > anyClosedUntil)
            {
                _closed += until - Max(anyClosedUntil, now);
            }

            if (kinds.HasFlag(RequestKinds.Reads))
            {
                _readsOpenAt = Max(_readsOpenAt, until);
            }

            if (kinds.HasFlag(RequestKinds.Writes))
            {
                _writesOpenAt = Max(_writesOpenAt, until);
            }
        }
    }

    /// <summary>Which of <paramref name="wanted"/> may be sent now.</summary>
    public RequestKinds Open(RequestKinds wanted)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var open = RequestKinds.None;
            if (_readsOpenAt <= now)
            {
                open |= RequestKinds.Reads;
            }

            if (_writesOpenAt <= now)
            {
                open |= RequestKinds.Writes;
            }

            return open & wanted;
        }
    }

    /// <summary>How long until the first of <paramref name="wanted"/> may be sent (zero if one may now).</summary>
    public TimeSpan UntilAnyOpen(RequestKinds wanted)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var at = DateTimeOffset.MaxValue;
            if (wanted.HasFlag(RequestKinds.Reads))
            {
                at = Min(at, _readsOpenAt);
            }

            if (wanted.HasFlag(RequestKinds.Writes))
            {
                at = Min(at, _writesOpenAt);
            }

            return at <= now ? TimeSpan.Zero : at - now;
        }
    }

    /// <summary>Waits until every kind is open.</summary>
    public ValueTask WaitAsync(CancellationToken ct) => WaitAsync(RequestKinds.All, ct);

    /// <summary>Waits until every kind in <paramref name="kinds"/> may be sent.</summary>
    public async ValueTask WaitAsync(RequestKinds kinds, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            var now = time.GetUtcNow();
            lock (_lock)
            {
                var at = DateTimeOffset.MinValue;
                if (kinds.HasFlag(RequestKinds.Reads))
                {
                    at = Max(at, _readsOpenAt);
                }

                if (kinds.HasFlag(RequestKinds.Writes))
                {
                    at = Max(at, _writesOpenAt);
                }

                wait = at - now;
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, ct);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

