namespace BulkRegistrar.Tests.Transport;

/// <summary>
/// The exact delays the retry layers ask for when Graph gives no Retry-After, with their jitter fixed: Polly's
/// exponential backoff with jitter ("decorrelated jitter V2", Polly.Core <c>src/Polly.Core/Retry/RetryHelper.cs</c>,
/// <c>DecorrelatedJitterBackoffV2</c>) for a randomizer that always answers <see cref="Random"/>. Both layers take the
/// randomizer as a parameter (<c>HttpResilience.Create</c>, <c>GraphExecutor</c>), so a test can say which delay it expects.
/// </summary>
internal static class Backoff
{
    public const double Random = 0.5;

    public static readonly Func<double> Randomizer = static () => Random;

    /// <summary>The delay as its timer is set: Polly waits with <c>Task.Delay</c>, which counts whole milliseconds.</summary>
    /// <param name="attempt">The retry, from 0 (the first).</param>
    /// <param name="baseDelay">BaseDelay, already divided by the time compression.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay)
    {
        var formula = F(attempt + Random) - (attempt == 0 ? 0 : F(attempt - 1 + Random));
        var exact = TimeSpan.FromTicks((long)(formula * (1 / 1.4d) * baseDelay.Ticks));
        return TimeSpan.FromMilliseconds(Math.Floor(exact.TotalMilliseconds));

        static double F(double t) => Math.Pow(2.0, t) * Math.Tanh(Math.Sqrt(4.0 * t));
    }
}
