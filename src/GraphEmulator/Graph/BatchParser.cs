using System.Text;
using System.Text.Json;

namespace GraphEmulator.Graph;

/// <summary>One $batch step as received.</summary>
internal sealed record BatchItem(string Id, string Method, string Url, JsonElement? Body, bool BodyInvalid,
    string? ClientRequestId, string? DependsOn);

/// <summary>
/// Validates a $batch body (graph-contract §5.1). A malformed batch fails as a whole with 400;
/// codes and texts that Graph does not document are [emu].
/// </summary>
internal static class BatchParser
{
    public const int MaxRequests = 20;

    public static List<BatchItem>? Parse(JsonElement root, out string error)
    {
        error = "Invalid batch payload format.";
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("requests", out var reqs) || reqs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (reqs.GetArrayLength() > MaxRequests)
        {
            error = "Number of requests inside batch exceeds the limit."; // [obs] text
            return null;
        }

        var items = new List<BatchItem>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in reqs.EnumerateArray())
        {
            var id = Text(r, "id");
            var method = Text(r, "method");
            var url = Text(r, "url");
            if (id is null || method is null || url is null)
            {
                error = "Each batch request needs 'id', 'method' and 'url'.";
                return null;
            }

            if (!ids.Add(id))
            {
                error = $"Batch request ids must be unique; '{id}' appears more than once.";
                return null;
            }

            if (url.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                error = "Batch request urls must be relative.";
                return null;
            }

            var headers = r.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object ? h : (JsonElement?)null;
            JsonElement? body = r.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null ? b : null;
            if (body is not null && (headers is null || Header(headers.Value, "Content-Type") is null))
            {
                error = $"Request '{id}' has a body but no Content-Type header.";
                return null;
            }

            var invalid = false;
            if (body is { ValueKind: JsonValueKind.String } encoded)
            {
                // Non-JSON content travels base64-encoded; decode it and parse as JSON.
                (body, invalid) = DecodeBase64Json(encoded.GetString()!);
            }

            string? dependsOn = null;
            if (r.TryGetProperty("dependsOn", out var d) && d.ValueKind == JsonValueKind.Array)
            {
                var deps = d.EnumerateArray().Select(x => x.ToString()).ToList();
                if (deps.Count > 1)
                {
                    error = $"Request '{id}' may depend on only one other request.";
                    return null;
                }

                dependsOn = deps.FirstOrDefault();
            }

            var relative = url.StartsWith('/') ? url : "/" + url;
            items.Add(new BatchItem(id, method.ToUpperInvariant(), relative, body, invalid,
                headers is { } hh ? Header(hh, "client-request-id") : null, dependsOn));
        }

        foreach (var item in items)
        {
            if (item.DependsOn is { } dep && !ids.Contains(dep))
            {
                error = $"Request '{item.Id}' depends on '{dep}', which is not in this batch.";
                return null;
            }
        }

        if (HasCycle(items))
        {
            error = "The dependsOn chain of this batch has a cycle.";
            return null;
        }

        return items;
    }

    private static bool HasCycle(List<BatchItem> items)
    {
        var byId = items.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var start in items)
        {
            var seen = 0;
            for (var cur = start; cur.DependsOn is { } dep; cur = byId[dep])
            {
                if (++seen > items.Count)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (JsonElement?, bool) DecodeBase64Json(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            return (doc.RootElement.Clone(), false);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, true);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string? Header(JsonElement headers, string name)
    {
        foreach (var p in headers.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value.ToString();
            }
        }

        return null;
    }
}
