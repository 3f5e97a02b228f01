using System.Globalization;

namespace BulkRegistrar.Graph;

/// <summary>
/// The one reading of Graph's wait hint, wherever it arrives (a response, a batch item, an error):
/// the emulator's exact compressed <c>x-emulator-retry-after-ms</c> wins (docs/emulator.md), else
/// <c>Retry-After</c> as whole seconds or an HTTP date.
/// </summary>
internal static class RetryAfterHeader
{
    public const string ExactMs = "x-emulator-retry-after-ms";

    public static TimeSpan? Parse(string? exactMs, string? retryAfter)
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

        return DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - TimeProvider.System.GetUtcNow()
            : null;
    }
}
