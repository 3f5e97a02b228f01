using System.Globalization;
using System.Text.Json.Nodes;

namespace GraphEmulator.Graph;

/// <summary>Graph's error JSON (docs/graph-behaviour.md §7): error.code, error.message, error.innerError.</summary>
internal static class GraphErrors
{
    public static GraphResponse Create(int status, string code, string message, RequestScope scope, JsonObject? extraInner = null)
    {
        var inner = new JsonObject
        {
            ["date"] = scope.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["request-id"] = scope.RequestId,
            ["client-request-id"] = scope.ClientRequestId,
        };
        foreach (var (k, v) in extraInner ?? [])
        {
            inner[k] = v?.DeepClone();
        }

        return new GraphResponse
        {
            Status = status,
            Body = new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = inner },
            },
        };
    }

    public static GraphResponse BadRequest(string message, RequestScope s, string code = "badRequest") =>
        Create(400, code, message, s);

    public static GraphResponse NotFound(string message, RequestScope s, string code = "itemNotFound") =>
        Create(404, code, message, s);

    public static GraphResponse UserNotFound(string key, RequestScope s) =>
        Create(404, "Request_ResourceNotFound",
            $"Resource '{key}' does not exist or one of its queried reference-property objects are not present.", s);

    public static GraphResponse AccessDenied(RequestScope s) =>
        Create(403, "accessDenied", "Request Authorization failed", s);
}

/// <summary>Per-request ids and clock reading shared by every error and header.</summary>
internal readonly record struct RequestScope(string RequestId, string ClientRequestId, DateTimeOffset Now);
