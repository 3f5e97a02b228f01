using System.Globalization;
using GraphEmulator.Auth;
using GraphEmulator.Throttling;

namespace GraphEmulator.Graph;

/// <summary>Bodies and headers of 429s (budget, window or injected) and of injected 5xx.</summary>
internal static class FaultResponses
{
    public static GraphResponse SpuriousThrottle(EmulatorServices s, GraphRequest req, TokenClaims claims, string userKey, RequestScope scope)
    {
        s.Throttler.OpenWindow(claims.AppId, claims.TenantId, userKey, req.OriginId, 5);
        var k = s.Throttler.Settings.K;
        return Throttled(new ThrottleDecision(false, 0, 1, Math.Max(1, (int)Math.Ceiling(5 / k)), Math.Ceiling(5000 / k),
            $"Tenant_Application/ReadWrite/{claims.AppId}/{claims.TenantId}", "ServiceBusy", false), claims, scope);
    }

    public static GraphResponse Error(int status, RequestScope scope)
    {
        var (code, message) = status switch
        {
            500 => ("generalException", "General exception while processing."),
            502 => ("BadGateway", "The gateway received an invalid response."),
            503 => ("serviceNotAvailable", "The service is temporarily unavailable. Please try again later."),
            504 => ("GatewayTimeout", "The gateway timed out waiting for the service."),
            _ => ("InsufficientStorage", "The service could not store the data."),
        };
        return GraphErrors.Create(status, code, message, scope);
    }

    public static GraphResponse Throttled(ThrottleDecision d, TokenClaims claims, RequestScope scope)
    {
        var r = GraphErrors.Create(429, "TooManyRequests",
            $"Too many requests from Identifier:{claims.TenantId}+{claims.AppId} under category:aadgraph.app.tenant_large. Please try again later.",
            scope, new System.Text.Json.Nodes.JsonObject { ["code"] = "429", ["status"] = "429" });
        r.WithHeader("Retry-After", d.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        r.WithHeader("x-emulator-retry-after-ms", d.RetryAfterMs.ToString(CultureInfo.InvariantCulture));
        r.WithHeader("x-ms-throttle-scope", d.Scope ?? "");
        r.WithHeader("x-ms-throttle-information", d.Information ?? "");
        return r;
    }
}
