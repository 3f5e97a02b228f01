using System.Text.Json;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Dispatch;

/// <summary>One Graph request waiting for a place in a <c>$batch</c>.</summary>
internal sealed record GraphCall(RequestInformation Request, bool IsWrite);

/// <summary>
/// What came back for one call: the sub-response of its batch item, or — when the whole batch
/// failed (5xx, timeout, dropped connection) — status 0 with the transport error, meaning "we do
/// not know whether it ran".
/// </summary>
internal sealed record CallResult(int Status, string? Body, string? RequestId, TimeSpan? RetryAfter, double? ThrottleLimitPercentage, string? TransportError = null)
{
    /// <summary>Graph's <c>x-ms-throttle-information</c> on a 429: <c>WriteLimitExceeded</c>, <c>ResourceUnitLimitExceeded</c>… </summary>
    public string? ThrottleInformation { get; init; }

    /// <summary>A 429 that says the app's budget is spent (as opposed to a passing "service busy").</summary>
    public bool IsBudgetExhausted => IsThrottled && ThrottleInformation is { } info && info.Contains("LimitExceeded", StringComparison.OrdinalIgnoreCase);

    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsThrottled => Status == 429;

    /// <summary>Worth another attempt: throttled, a server hiccup, or no answer at all.</summary>
    public bool IsTransient => Status is 0 or 429 or 500 or 502 or 503 or 504 or 507;

    /// <summary>A write that got this may or may not have been applied (the response, not the request, may have been lost).</summary>
    public bool MayHaveRun => Status is 0 or >= 500;

    public bool IsAuthFailure => Status is 401 or 403;

    /// <summary>Graph's <c>error.code</c> and <c>error.message</c>, when the body is an error object.</summary>
    public (string? Code, string? Message) Error
    {
        get
        {
            if (string.IsNullOrEmpty(Body) || IsSuccess)
            {
                return (TransportError is null ? null : "transportError", TransportError);
            }

            try
            {
                using var doc = JsonDocument.Parse(Body);
                if (doc.RootElement.TryGetProperty("error", out var e))
                {
                    return (e.TryGetProperty("code", out var c) ? c.GetString() : null, e.TryGetProperty("message", out var m) ? m.GetString() : null);
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall through to the status alone.
            }

            return (null, null);
        }
    }

    public static CallResult Unknown(string error) => new(0, null, null, null, null, error);
}
