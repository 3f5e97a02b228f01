using System.Text;
using System.Text.Json;

namespace GraphEmulator.Graph;

/// <summary>One $batch step as received.</summary>
internal sealed record BatchItem(string Id, string Method, string Url, JsonElement? Body, bool BodyInvalid,
    string? ClientRequestId, string? DependsOn);

/// <summary>
/// Validates a $batch body (docs/graph-behaviour.md §5.1). A malformed batch fails as a whole with 400;
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

        if (reqs.GetArrayLength() == 0)
        {
            error = "The batch must contain at least one request."; // [emu] text
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

        return ShapeError(items) is { } shape ? Fail(shape, out error) : items;
    }

    /// <summary>
    /// Graph accepts three dependsOn shapes (docs/graph-behaviour.md §5.1, known-issues page): all parallel,
    /// one sequential chain (each request on the one before it), or all on one request. Anything
    /// else is refused with the documented message. A reference to a later request (or itself) is
    /// refused too, which also rules out cycles [emu text].
    /// </summary>
    private static string? ShapeError(List<BatchItem> items)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            index[items[i].Id] = i;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].DependsOn is not { } dep)
            {
                continue;
            }

            if (!index.TryGetValue(dep, out var at))
            {
                return $"Request '{items[i].Id}' depends on '{dep}', which is not in this batch.";
            }

            if (at >= i)
            {
                return $"Request '{items[i].Id}' depends on '{dep}', which does not come before it in the batch.";
            }
        }

        if (items.All(i => i.DependsOn is null))
        {
            return null;
        }

        var first = items[0];
        var chain = first.DependsOn is null && items.Skip(1).Select((it, i) => Same(it.DependsOn, items[i].Id)).All(x => x);
        var star = first.DependsOn is null && items.Skip(1).All(it => Same(it.DependsOn, first.Id));
        return chain || star ? null : SequentialOrParallel;
    }

    /// <summary>Graph's message for a mixed dependsOn shape (quoted in Microsoft Q&amp;A answers).</summary>
    public const string SequentialOrParallel = "Batch should be either fully sequential or fully parallel.";

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static List<BatchItem>? Fail(string message, out string error)
    {
        error = message;
        return null;
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
