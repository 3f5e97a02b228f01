using System.Globalization;
using GraphEmulator.Auth;
using GraphEmulator.Throttling;

namespace GraphEmulator.Graph;

/// <summary>Bodies and headers of 429s (budget, window or injected) and of injected 5xx.</summary>
internal static class FaultResponses
{
    public static GraphResponse SpuriousThrottle(EmulatorServices s, GraphRequest req, TokenClaims claims, string userKey, RequestScope scope)
    {
        var k = s.Throttler.Settings.K;
        if (s.Faults.Strict)
        {
            // [emu] strict: a "service busy" 429 below the limits names no scope and no reason, and holds only this user.
            s.Throttler.OpenTransientWindow(claims.AppId, claims.TenantId, userKey, req.OriginId, req.Delivery, 5);
            return Throttled(new ThrottleDecision(false, 0, 1, Math.Max(1, (int)Math.Ceiling(5 / k)), Math.Ceiling(5000 / k), null, null, false),
                claims, scope);
        }

        s.Throttler.OpenWindow(claims.AppId, claims.TenantId, userKey, req.OriginId, 5);
        return Throttled(new ThrottleDecision(false, 0, 1, Math.Max(1, (int)Math.Ceiling(5 / k)), Math.Ceiling(5000 / k),
            $"Tenant_Application/ReadWrite/{claims.AppId}/{claims.TenantId}", "ServiceBusy", false), claims, scope);
    }

    /// <summary>A 503 that carries Retry-After (Graph's error page: it may); an early retry for the same user is a violation.</summary>
    public static GraphResponse UnavailableWithRetryAfter(EmulatorServices s, GraphRequest req, TokenClaims claims, string userKey,
        int retryAfterSeconds, RequestScope scope)
    {
        s.Throttler.OpenTransientWindow(claims.AppId, claims.TenantId, userKey, req.OriginId, req.Delivery, retryAfterSeconds);
        return WithRetryAfter(Error(503, scope), retryAfterSeconds, s.Throttler.Settings.K);
    }

    /// <summary>Whole wall-clock seconds rounded up (safe for a client that reads only Retry-After) plus the exact [emu] milliseconds.</summary>
    public static GraphResponse WithRetryAfter(GraphResponse r, int emulatedSeconds, double k)
    {
        r.WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(emulatedSeconds / k)).ToString(CultureInfo.InvariantCulture));
        r.WithHeader("x-emulator-retry-after-ms", Math.Max(1, Math.Ceiling(emulatedSeconds * 1000 / k)).ToString(CultureInfo.InvariantCulture));
        return r;
    }

    public static GraphResponse Error(int status, RequestScope scope)
    {
        var (code, message) = status switch
        {
            500 => ("generalException", "General exception while processing."),
            502 => ("BadGateway", "The gateway received an invalid response."),
            503 => ("serviceNotAvailable", "The service is temporarily unavailable. Please try again later."),
            504 => ("GatewayTimeout", "The gateway timed out waiting for the service."),
            509 => ("bandwidthLimitExceeded", "The app has been throttled for exceeding the maximum bandwidth cap."),
            _ => ("InsufficientStorage", "The service could not store the data."),
        };
        return GraphErrors.Create(status, code, message, scope);
    }

    /// <summary>The request log's <c>fault</c> of a request sent inside a Retry-After window (a counted violation).</summary>
    public const string Violation = "retryAfterViolation";

    public static GraphResponse Throttled(ThrottleDecision d, TokenClaims claims, RequestScope scope)
    {
        var r = GraphErrors.Create(429, "TooManyRequests",
            $"Too many requests from Identifier:{claims.TenantId}+{claims.AppId} under category:aadgraph.app.tenant_large. Please try again later.",
            scope, new System.Text.Json.Nodes.JsonObject { ["code"] = "429", ["status"] = "429" });
        r.WithHeader("Retry-After", d.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        r.WithHeader("x-emulator-retry-after-ms", d.RetryAfterMs.ToString(CultureInfo.InvariantCulture));
        if (d.Scope is not null)
        {
            // Only a 429 from a limit names it; a transient (strict) 429 carries neither header.
            r.WithHeader("x-ms-throttle-scope", d.Scope);
            r.WithHeader("x-ms-throttle-information", d.Information ?? "");
        }
        return r;
    }
}
