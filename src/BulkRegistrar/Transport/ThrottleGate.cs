using Microsoft.Kiota.Abstractions;

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
/// budget is about the one request that got it: its own retry waits, nobody else does. Every sender
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

    /// <summary>
    /// The kinds of request a 429 holds for everyone, from its <c>x-ms-throttle-scope</c> and
    /// <c>x-ms-throttle-information</c>; <see cref="RequestKinds.None"/> for a 429 that names no budget (a
    /// passing "service busy": no scope, or a reason that is not a <c>…LimitExceeded</c>).
    /// </summary>
    public static RequestKinds BudgetKinds(string? scope, string? information)
    {
        var limit = scope?.Split('/') is { Length: >= 2 } parts ? parts[1] : null;
        var namesLimit = information?.Contains("LimitExceeded", StringComparison.OrdinalIgnoreCase) == true;
        if (!namesLimit && (limit is null || !string.IsNullOrEmpty(information)))
        {
            return RequestKinds.None;
        }

        return limit?.ToUpperInvariant() switch
        {
            "WRITE" => RequestKinds.Writes,
            "READ" => RequestKinds.Reads,
            "READWRITE" => RequestKinds.All,
            // No usable scope: the reason says which bucket ran dry; resource units are spent by reads and writes alike.
            _ => information?.Contains("Write", StringComparison.OrdinalIgnoreCase) == true ? RequestKinds.Writes : RequestKinds.All,
        };
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

/// <summary>
/// Rides on a <c>$batch</c> request (Kiota copies request options into <see cref="HttpRequestMessage.Options"/>)
/// so the HTTP pipeline can check the gate once more for the kinds it carries just before the bytes leave:
/// a 429 answered to another batch while this one was being built must still hold it.
/// </summary>
internal sealed class HeldKindsOption(RequestKinds kinds) : IRequestOption
{
    public static readonly HttpRequestOptionsKey<IRequestOption> Key = new(typeof(HeldKindsOption).FullName!);

    public RequestKinds Kinds { get; } = kinds;
}
