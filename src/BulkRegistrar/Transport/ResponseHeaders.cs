using System.Globalization;

namespace BulkRegistrar.Transport;

/// <summary>The headers the transport reads from an answer, wherever the SDK put them (a batch item's may land on its content).</summary>
internal static class ResponseHeaders
{
    /// <summary>Which budget a 429 is about: <c>Tenant_Application/Write/{app}/{tenant}</c>… (docs/graph-behaviour.md §T1.3).</summary>
    public const string ThrottleScope = "x-ms-throttle-scope";

    /// <summary>Why a 429: <c>WriteLimitExceeded</c>, <c>ResourceUnitLimitExceeded</c>…</summary>
    public const string ThrottleInformation = "x-ms-throttle-information";

    /// <summary>How full the budget is, 0–1, before any 429: the early warning.</summary>
    public const string ThrottleLimitPercentage = "x-ms-throttle-limit-percentage";

    public static string? Get(HttpResponseMessage m, string name) =>
        m.Headers.TryGetValues(name, out var v) || (m.Content?.Headers.TryGetValues(name, out v) ?? false) ? v.FirstOrDefault() : null;

    public static double? LimitPercentage(HttpResponseMessage m) =>
        Get(m, ThrottleLimitPercentage) is { } p && double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
