using System.Text.Json;
using BulkRegistrar.Audit;

namespace BulkRegistrar.Transport;

/// <summary>
/// What came back for one call: the sub-response of its batch item, or — when the batch got no
/// Graph answer — status 0 with the <see cref="SendFailure"/> that says why. Every result of a batch
/// that was sent carries our <c>client-request-id</c> and a Graph <c>request-id</c> (the item's, else
/// the envelope's), so a change can be matched to Entra's audit log.
/// </summary>
internal sealed record CallResult(
    int Status, string? Body, string? RequestId, TimeSpan? RetryAfter, double? ThrottleLimitPercentage, SendFailure? Failure = null) : ICallAnswer
{
    private (string? Code, string? Message)? _error;

    /// <summary>Graph's <c>x-ms-throttle-information</c> on a 429: <c>WriteLimitExceeded</c>, <c>ResourceUnitLimitExceeded</c>… </summary>
    public string? ThrottleInformation { get; init; }

    /// <summary>The item's <c>Location</c> header (resetPassword names the operation to poll there).</summary>
    public string? Location { get; init; }

    /// <summary>Graph's <c>x-ms-throttle-scope</c> on a 429: <c>Tenant_Application/Write/{app}/{tenant}</c>… (docs/graph-behaviour.md §T1.3).</summary>
    public string? ThrottleScope { get; init; }

    /// <summary>The <c>client-request-id</c> we sent with the batch that carried this call.</summary>
    public string? ClientRequestId { get; init; }

    /// <summary>
    /// The answer is the <c>$batch</c> envelope's, shared by every item (no item ran): its Retry-After holds
    /// envelopes — so, since every request travels in one, everything.
    /// </summary>
    public bool FromEnvelope { get; init; }

    /// <summary>
    /// The kinds of request a 429 holds for every user because it says an app/tenant budget is spent;
    /// <see cref="RequestKinds.None"/> for a passing "service busy", which holds only this request.
    /// </summary>
    public RequestKinds BudgetKinds => IsThrottled ? ThrottleSignal.BudgetKinds(ThrottleScope, ThrottleInformation) : RequestKinds.None;

    /// <summary>A 429 that says the app's budget is spent (as opposed to a passing "service busy").</summary>
    public bool IsBudgetExhausted => BudgetKinds != RequestKinds.None;

    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsThrottled => Status == 429;

    /// <summary>
    /// Worth another attempt: throttled, a server hiccup, or no answer at all (but not "could not even
    /// connect"). 509 is Graph's documented "bandwidth limit exceeded, retry later" (docs/graph-behaviour.md §7).
    /// </summary>
    public bool IsTransient => Failure is not { NothingSent: true } && Status is 0 or 429 or 500 or 502 or 503 or 504 or 507 or 509;

    /// <summary>A write that got this may or may not have been applied (the response, not the request, may have been lost).</summary>
    public bool MayHaveRun => Failure is not { NothingSent: true } && Status is 0 or >= 500;

    public bool IsAuthFailure => Status is 401 or 403;

    /// <summary>Graph's <c>error.code</c> and <c>error.message</c> when the body is an error object; for a send failure, no code and its sentence.</summary>
    public (string? Code, string? Message) Error => _error ??= ReadError();

    string? ICallAnswer.ErrorCode => Error.Code;

    /// <summary>The answer for a message: Graph's own words, or — when Graph never answered — why not (not "Graph said").</summary>
    public static string Said(CallResult r) => r.Failure is { } f ? $"No answer from Graph: {f.Message}" : $"Graph said: {r.Error.Message}";

    public static CallResult Unknown(string error) => new(0, null, null, null, null, new SendFailure(SendFailureKind.NoAnswer, error));

    private (string? Code, string? Message) ReadError()
    {
        if (Failure is { } failure)
        {
            return (null, failure.Message);
        }

        if (string.IsNullOrEmpty(Body) || IsSuccess)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                return (Str(e, "code"), Str(e, "message"));
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the status alone.
        }

        return (null, null);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
