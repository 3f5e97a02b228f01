namespace GraphEmulator.Throttling;

/// <summary>
/// When the answer to one direct call or $batch envelope left the emulator. A strict Retry-After
/// window counts a request as an early retry only if it arrived after the client could have read
/// the 429 that opened the window: requests already in flight when it was sent are not
/// violations (they are still metered, and throttled if the bucket is empty) [emu].
/// </summary>
internal sealed class Delivery
{
    /// <summary>
    /// A client needs a moment between reading a 429 and holding back its next send; a request
    /// that arrives within this margin after the 429 left was already on its way [emu].
    /// </summary>
    public static readonly TimeSpan ReactionMargin = TimeSpan.FromMilliseconds(10);

    private long _ticks = long.MaxValue;

    public void Mark(DateTimeOffset at) => Interlocked.CompareExchange(ref _ticks, at.UtcTicks, long.MaxValue);

    /// <summary>Had the client seen this answer before a request that arrived at <paramref name="arrived"/> was sent?</summary>
    public bool SeenBefore(DateTimeOffset arrived)
    {
        var t = Interlocked.Read(ref _ticks);
        return t != long.MaxValue && arrived.UtcTicks >= t + ReactionMargin.Ticks;
    }
}
