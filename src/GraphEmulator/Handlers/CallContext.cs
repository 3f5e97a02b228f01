using System.Text.Json;
using GraphEmulator.Auth;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>What every handler sees: the request, its route and the services. It reports whether it wrote.</summary>
internal abstract class CallContext(GraphRequest request, GraphPath path, RouteDef route, string? methodId, EmulatorServices services,
    RequestScope scope, TokenClaims claims)
{
    public GraphRequest Request { get; } = request;
    public GraphPath Path { get; } = path;
    public RouteDef Route { get; } = route;
    public string MethodId { get; } = methodId ?? "";
    public EmulatorServices Services { get; } = services;
    public DirectoryState Directory { get; } = services.Directory;
    public RequestScope Scope { get; } = scope;
    public TokenClaims Claims { get; } = claims;

    /// <summary>Set by the handler when state changed (counts as a write applied, even if the response is then lost).</summary>
    public bool WriteApplied { get; private set; }

    /// <summary>The base of links and @odata.context: /v1.0 or /beta, as the request came in.</summary>
    public string BaseUrl => Request.Beta ? Services.GraphBaseUrl[..^"v1.0".Length] + "beta" : Services.GraphBaseUrl;

    /// <summary>Marks a write (the pipeline counts it under the route's name in /_emulator/stats writesAppliedByRoute).</summary>
    public virtual void Applied() => WriteApplied = true;

    /// <summary>Counts a named event in /_emulator/stats events (e.g. "hardwareOathActivated"), for tests to assert on.</summary>
    public void Event(string name) => Services.Stats.CountEvent(name);

    /// <summary>The JSON object body, or an error response when it is missing or malformed.</summary>
    public bool TryBody(out JsonElement body, out GraphResponse? error)
    {
        body = default;
        error = null;
        if (Request.BodyInvalid || Request.Body is not { ValueKind: JsonValueKind.Object } b)
        {
            error = GraphErrors.BadRequest(
                "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
                Scope, "BadRequest");
            return false;
        }

        body = b;
        return true;
    }

    public static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Handlers answer through their "
        + "context alike: c.Ok, c.Bad, c.MethodNotFound.")]
    public GraphResponse Ok(int status, System.Text.Json.Nodes.JsonNode? body = null) => new() { Status = status, Body = body };

    public GraphResponse Bad(string message) => GraphErrors.BadRequest(message, Scope);

    public GraphResponse MethodNotFound() =>
        GraphErrors.NotFound($"The authentication method '{MethodId}' was not found for this user.", Scope);
}

/// <summary>A call about a tenant resource (methods policy, token inventory).</summary>
internal sealed class TenantContext(GraphRequest request, GraphPath path, RouteDef route, string? methodId, EmulatorServices services,
    RequestScope scope, TokenClaims claims)
    : CallContext(request, path, route, methodId, services, scope, claims);
