using System.Globalization;
using GraphEmulator.Auth;
using GraphEmulator.Faults;
using GraphEmulator.Handlers;
using GraphEmulator.Throttling;

namespace GraphEmulator.Graph;

/// <summary>
/// The one path every Graph call takes, direct or inside $batch: authenticate → parse and route
/// → authorise → meter the budget (docs/graph-behaviour.md §T6) → faults → handler → lost-response fault → counters.
/// </summary>
internal sealed partial class GraphPipeline(EmulatorServices s)
{
    private const string SegmentMessage =
        "The request URI is not valid. Since the segment 'users' refers to a collection, this must be the last segment in the request URI or it must "
            + "be followed by an function or action that can be bound to it otherwise all intermediate segments must refer to a single resource.";

    public GraphResponse Execute(GraphRequest req)
    {
        var requestId = Guid.NewGuid().ToString();
        var scope = new RequestScope(requestId, req.ClientRequestId ?? requestId, s.Time.GetUtcNow());
        var response = Run(req, scope, out var claims);
        response.RequestId = requestId;
        s.Stats.CountRequest(response.Route, response.Status, req.InBatch);
        s.Log.Add(new EmulatorRequestLogEntry(scope.Now, req.Method, req.Url, response.AbortConnection ? 0 : response.Status,
            requestId, req.ClientRequestId, req.InBatch ? req.OriginId : null, claims?.AppId, response.Fault, response.WriteApplied));
        return response;
    }

    private GraphResponse Run(GraphRequest req, RequestScope scope, out TokenClaims? claims)
    {
        claims = Authenticate(req.Authorization, out var tokenError);
        if (claims is null)
        {
            return GraphErrors.Create(401, "InvalidAuthenticationToken", tokenError, scope)
                .WithHeader("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                    + "client_id=\"00000003-0000-0000-c000-000000000000\"");
        }

        var path = GraphPath.Parse(req.Url);
        var segs = path.Segments;
        if (segs.Length == 1 && string.Equals(segs[0], "users", StringComparison.OrdinalIgnoreCase))
        {
            if (req.Method != "GET")
            {
                return GraphErrors.Create(405, "Request_BadRequest", $"The HTTP method '{req.Method}' is not allowed for this resource.", scope);
            }

            var list = Authorised(Routes.UsersList, claims, scope) ?? Metered(req, path, Routes.UsersList, null, null, claims, scope);
            list.Route = Routes.UsersList.Name;
            return list;
        }

        var tenant = segs.Length > 0
            && (segs[0].Equals("policies", StringComparison.OrdinalIgnoreCase) || segs[0].Equals("directory", StringComparison.OrdinalIgnoreCase));
        if (!tenant && (segs.Length < 2 || !string.Equals(segs[0], "users", StringComparison.OrdinalIgnoreCase)))
        {
            var first = segs.Length > 0 ? segs[0] : "";
            return GraphErrors.BadRequest(first.Equals("$batch", StringComparison.OrdinalIgnoreCase) && req.InBatch
                ? "Nested batch requests are not supported." : $"Resource not found for the segment '{first}'.", scope, "BadRequest");
        }

        var key = tenant ? null : segs[1];
        if (key is not null && key.StartsWith('$') && !path.KeyForm)
        {
            // Graph reads a bare '$…' segment as a system query option (docs/graph-behaviour.md §8).
            return GraphErrors.BadRequest(SegmentMessage, scope, "BadRequest");
        }

        var route = Routes.Match(req.Method, segs.AsSpan(tenant ? 0 : 2), req.Beta, tenant, out var pathExists, out var methodId);
        if (route is null)
        {
            return pathExists
                ? GraphErrors.Create(405, "Request_BadRequest", $"The HTTP method '{req.Method}' is not allowed for this resource.", scope)
                : GraphErrors.BadRequest($"Resource not found for the segment '{segs[^1]}'.", scope, "BadRequest");
        }

        var response = Authorised(route, claims, scope) ?? Metered(req, path, route, methodId, key, claims, scope);
        response.Route = route.Name;
        return response;
    }

    private GraphResponse? Authorised(RouteDef route, TokenClaims claims, RequestScope scope)
    {
        if (route.Access == Access.DelegatedOnly && claims.IsAppOnly)
        {
            return GraphErrors.AccessDenied(scope); // "Application: Not supported" (docs/graph-behaviour.md §3.3)
        }

        if (Permissions.Allows(s.Apps.EffectiveGrants(claims), route))
        {
            return null;
        }

        return Permissions.IsDirectoryAccess(route.Access)
            ? GraphErrors.Create(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", scope)
            : GraphErrors.AccessDenied(scope);
    }

    private GraphResponse Metered(GraphRequest req, GraphPath path, RouteDef route, string? methodId, string? key, TokenClaims claims, RequestScope scope)
    {
        var directory = s.Directory;

        // A user seeded to appear later does not exist yet, for every path about them (docs/emulator.md, late users).
        var user = key is null ? null : directory.FindVisible(key, scope.Now, s.Throttler.Settings.K);
        var userKey = user?.Id ?? key?.ToLowerInvariant() ?? (route.TenantRoute ? "tenant" : "users");
        var (ru, w) = RequestCost.Of(route, path, s.Throttler.Settings);
        var strict = s.Faults.Strict;
        var d = strict
            ? s.Throttler.AdmitStrict(new StrictAdmission(claims.AppId, claims.TenantId, userKey, req.OriginId, req.Method == "GET", req.Delivery, req.Arrived),
                ru, w)
            : s.Throttler.Admit(claims.AppId, claims.TenantId, userKey, req.OriginId, ru, w);
        if (!d.Admitted)
        {
            var throttled = FaultResponses.Throttled(d, claims, scope);
            if (d.Violation)
            {
                s.Stats.CountViolation();
                throttled.Fault = FaultResponses.Violation; // the request log says which requests came early
            }

            return throttled;
        }

        var fault = s.Faults.Decide(req.Method, req.Url, $"{userKey}|{route.Name}|{methodId}", route.IsWrite, req.InBatch);
        var latency = s.Latency.ForRequest(req.Method);
        var response = fault.Kind switch
        {
            FaultKind.Status when fault.Status == 429 => FaultResponses.SpuriousThrottle(s, req, claims, userKey, scope),
            FaultKind.Status when fault.RetryAfterSeconds > 0 =>
                FaultResponses.UnavailableWithRetryAfter(s, req, claims, userKey, fault.RetryAfterSeconds, scope),
            FaultKind.Status => FaultResponses.Error(fault.Status, scope),
            FaultKind.Drop when req.InBatch => FaultResponses.Error(504, scope),
            FaultKind.Drop => new GraphResponse { Status = 504, AbortConnection = true },
            FaultKind.Timeout when !fault.Applies => FaultResponses.Error(504, scope),
            _ when route.TenantRoute => HandleTenant(req, path, route, methodId, claims, scope, fault),
            _ => Handle(req, path, route, methodId, key, user, claims, scope, fault),
        };
        if (fault.Kind == FaultKind.Timeout)
        {
            // The service gave up after its one-minute abandon (docs/graph-behaviour.md §1.2); with the latency model on, so does the answer.
            latency = s.Latency.Enabled ? StrictRates.TimeoutSeconds * 1000 / s.Throttler.Settings.K : latency;
        }

        if (fault.Kind != FaultKind.None)
        {
            response.Fault = fault.Name;
            if (fault.Kind != FaultKind.LostResponse && !(fault.Kind == FaultKind.Timeout && fault.Applies))
            {
                s.Stats.CountFault(fault.Name, lostWrite: false);
            }
        }

        response.LatencyMs = latency;
        if (response.Status != 429)
        {
            response.WithHeader("x-ms-resource-unit", d.RuCharged.ToString(CultureInfo.InvariantCulture));
            if (d.LimitUsed > 0.8)
            {
                response.WithHeader("x-ms-throttle-limit-percentage", d.LimitUsed.ToString("0.00", CultureInfo.InvariantCulture));
            }
        }

        return response;
    }

    /// <summary>The $batch envelope itself needs a valid token; items are then authorised one by one.</summary>
    public GraphResponse? RejectEnvelope(string? authorization, RequestScope scope, out TokenClaims? claims)
    {
        claims = Authenticate(authorization, out var error);
        return claims is null ? GraphErrors.Create(401, "InvalidAuthenticationToken", error, scope) : null;
    }

    private TokenClaims? Authenticate(string? authorization, out string error)
    {
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || authorization.Length <= 7)
        {
            error = "Access token is empty.";
            return null;
        }

        var claims = s.Tokens.Validate(authorization[7..].Trim(), out error);
        if (claims is not null && !s.Apps.IsKnownTenant(claims.TenantId))
        {
            error = "Access token validation failure. Invalid audience.";
            return null;
        }

        return claims;
    }
}
