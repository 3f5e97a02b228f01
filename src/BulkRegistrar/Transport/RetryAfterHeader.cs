using System.Globalization;

namespace BulkRegistrar.Transport;

/// <summary>
/// The one reading of Graph's wait hint, wherever it arrives (a response, a batch item, an error):
/// the emulator's exact compressed <c>x-emulator-retry-after-ms</c> wins (docs/emulator.md), else
/// <c>Retry-After</c> as whole seconds or an HTTP date.
/// </summary>
internal static class RetryAfterHeader
{
    public const string ExactMs = "x-emulator-retry-after-ms";

    /// <param name="responseDate">The answer's own <c>Date</c> header: an HTTP-date Retry-After is read relative to
    /// it (RFC 9110 §10.2.3), so neither our clock nor its skew from Graph's matters. Without it, an HTTP-date
    /// gives no hint (the caller's backoff applies); Graph documents delta-seconds (docs/graph-behaviour.md §T1.4).</param>
    public static TimeSpan? Parse(string? exactMs, string? retryAfter, DateTimeOffset? responseDate = null)
    {
        if (exactMs is not null && double.TryParse(exactMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (retryAfter is null)
        {
            return null;
        }

        if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return responseDate is { } date && DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at > date ? at - date : TimeSpan.Zero)
            : null;
    }

    /// <summary>The wait hint of an answer (a whole response, or a batch item the SDK made into one).</summary>
    public static TimeSpan? Of(HttpResponseMessage m, DateTimeOffset? responseDate = null) =>
        Parse(ResponseHeaders.Get(m, ExactMs), ResponseHeaders.Get(m, "Retry-After"), responseDate);
}
