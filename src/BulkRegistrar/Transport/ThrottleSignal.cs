namespace BulkRegistrar.Transport;

/// <summary>
/// What Graph's answers say about throttling, read in this one place and applied by each of the three that act on it:
/// the <see cref="ThrottleGate"/> holds a kind of request for everyone (<see cref="HoldReads"/>, <see cref="HoldWrites"/>),
/// the <see cref="BudgetPacer"/> empties the bucket a 429 named spent, and the <see cref="ConcurrencyLimit"/> halves on a
/// spent budget, steps down on a busy answer and does not grow past the early warning. One answer gives one signal
/// (<see cref="Of(int, TimeSpan?, string?, string?, double?, bool)"/>); a batch's is its answers' signals
/// <see cref="And"/>ed. Pure: no clock, no state. The rules: docs/graph-behaviour.md §T1.2–§T1.4.
/// </summary>
/// <param name="HoldReads">How long every read is held (Retry-After with <see cref="ThrottleGate.WithMargin"/>), or null.</param>
/// <param name="HoldWrites">How long every write is held, or null.</param>
/// <param name="Budget">The budgets a 429 named spent: <c>Write</c>, <c>Read</c> or <c>ReadWrite</c> (All).</param>
/// <param name="WriteBucketEmpty">A 429 named the write budget alone: the pacer's write bucket is empty.</param>
/// <param name="ResourceBucketEmpty">A 429 named the resource-unit budget (<c>Read</c> or <c>ReadWrite</c>), which reads and writes both draw from.</param>
/// <param name="Busy">A 429 (or a refused <c>$batch</c> envelope's Retry-After) that names no budget: the service is busy.</param>
/// <param name="LimitPercentage">The highest <c>x-ms-throttle-limit-percentage</c>: how full the budget is (the early warning).</param>
internal sealed record ThrottleSignal(TimeSpan? HoldReads = null, TimeSpan? HoldWrites = null, RequestKinds Budget = RequestKinds.None,
    bool WriteBucketEmpty = false, bool ResourceBucketEmpty = false, bool Busy = false, double? LimitPercentage = null)
{
    /// <summary>How long a 429 without a Retry-After holds what it holds; its own retry backs off meanwhile (docs/graph-behaviour.md §T1.4).</summary>
    public static readonly TimeSpan WithoutRetryAfter = TimeSpan.FromSeconds(1);

    public static readonly ThrottleSignal None = new();

    /// <summary>The kinds the gate holds for everyone.</summary>
    public RequestKinds Holds => (HoldReads is null ? RequestKinds.None : RequestKinds.Reads) | (HoldWrites is null ? RequestKinds.None : RequestKinds.Writes);

    /// <summary>The longest hold, or null when nothing is held.</summary>
    public TimeSpan? Pause => Longest(HoldReads, HoldWrites);

    /// <summary>
    /// The one rule. A 429 that names a budget (<see cref="BudgetKinds"/>) holds that kind of request for everyone and empties
    /// its bucket. A 429 that names none is a busy service: it holds only the request that got it (its own retry waits),
    /// unless it refused a whole <c>$batch</c> envelope, which holds every envelope, so everything. A refused envelope's
    /// Retry-After holds everything whatever its status. Anything else carries only the limit percentage.
    /// </summary>
    /// <param name="envelope">The answer is a <c>$batch</c> envelope's (shared by its items), not one request's.</param>
    public static ThrottleSignal Of(int status, TimeSpan? retryAfter, string? scope, string? information, double? limitPercentage, bool envelope)
    {
        var throttled = status == 429;
        if (!throttled && !(envelope && retryAfter is not null))
        {
            return new ThrottleSignal(LimitPercentage: limitPercentage);
        }

        var budget = throttled ? BudgetKinds(scope, information) : RequestKinds.None;
        var holds = budget != RequestKinds.None ? budget : envelope ? RequestKinds.All : RequestKinds.None;
        var wait = ThrottleGate.WithMargin(retryAfter ?? WithoutRetryAfter);
        return new ThrottleSignal(holds.HasFlag(RequestKinds.Reads) ? wait : null, holds.HasFlag(RequestKinds.Writes) ? wait : null, budget,
            WriteBucketEmpty: budget == RequestKinds.Writes, ResourceBucketEmpty: budget is RequestKinds.Reads or RequestKinds.All,
            Busy: budget == RequestKinds.None, limitPercentage);
    }

    /// <summary>One call's answer: a batch item, or the envelope's answer every item of a refused envelope shares.</summary>
    public static ThrottleSignal Of(CallResult r) =>
        Of(r.Status, r.RetryAfter, r.ThrottleScope, r.ThrottleInformation, r.ThrottleLimitPercentage, r.FromEnvelope);

    /// <summary>A batch's answers: one signal, however many items a spent bucket refused.</summary>
    public static ThrottleSignal Of(IEnumerable<CallResult> results) => results.Aggregate(None, (s, r) => s.And(Of(r)));

    /// <summary>A whole HTTP answer, as the envelope layer sees it the moment its headers arrive.</summary>
    /// <param name="batch">The request was a <c>$batch</c> envelope.</param>
    public static ThrottleSignal Of(HttpResponseMessage response, bool batch) => Of(
        (int)response.StatusCode, RetryAfterHeader.Of(response, response.Headers.Date),
        ResponseHeaders.Get(response, ResponseHeaders.ThrottleScope), ResponseHeaders.Get(response, ResponseHeaders.ThrottleInformation),
        ResponseHeaders.LimitPercentage(response), envelope: batch);

    /// <summary>
    /// The kinds of request a 429 holds for everyone, from its <c>x-ms-throttle-scope</c> (<c>…/Write/…</c>, <c>…/Read/…</c>,
    /// <c>…/ReadWrite/…</c>) and <c>x-ms-throttle-information</c>; <see cref="RequestKinds.None"/> for a 429 that names no
    /// budget (a passing "service busy": no scope, or a reason that is not a <c>…LimitExceeded</c>).
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

    /// <summary>
    /// What a batch's signal tells the <see cref="ConcurrencyLimit"/>: a "busy" 429 on a few items of a batch Graph otherwise
    /// answered holds those items (each waits out its own Retry-After), not the run; only a batch mostly refused (a refused
    /// envelope is shared by every item) is a busy service. Measured: under chaos, where a failed envelope gives one item in six
    /// a busy 429, each such batch stepping the limit down held the run at one batch in flight.
    /// </summary>
    /// <param name="throttled">The batch's items answered 429.</param>
    /// <param name="items">The batch's items.</param>
    public ThrottleSignal ForConcurrency(int throttled, int items) => Busy && throttled * 2 < items ? this with { Busy = false } : this;

    /// <summary>Both signals at once: the longer hold of each kind, every bucket either named, the higher percentage.</summary>
    public ThrottleSignal And(ThrottleSignal other) => new(Longest(HoldReads, other.HoldReads), Longest(HoldWrites, other.HoldWrites),
        Budget | other.Budget, WriteBucketEmpty || other.WriteBucketEmpty, ResourceBucketEmpty || other.ResourceBucketEmpty, Busy || other.Busy,
        LimitPercentage is { } a && other.LimitPercentage is { } b ? Math.Max(a, b) : LimitPercentage ?? other.LimitPercentage);

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is { } x && b is { } y ? (x > y ? x : y) : a ?? b;
}
