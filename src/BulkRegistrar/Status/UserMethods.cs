using System.Text.Json;

namespace BulkRegistrar.Status;

/// <summary>A Temporary Access Pass as the list shows it: its metadata and Graph's <c>methodUsabilityReason</c>, never the pass.</summary>
/// <param name="Reason"><c>EnabledByPolicy</c>, <c>NotYetValid</c>, <c>Expired</c>, <c>OneTimeUsed</c>, <c>DisabledByPolicy</c> (docs/graph-behaviour.md
/// §3.2).</param>
internal sealed record PassState(string Id, string? Reason, bool IsUsable, bool UsableOnce, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>What one user has: every method type Graph lists for them, how many of each, and their pass.</summary>
internal sealed record UserMethods(IReadOnlyList<(string Type, int Count)> Types, PassState? Pass)
{
    /// <summary>The body of <c>GET /users/{id}/authentication/methods</c>.</summary>
    /// <exception cref="JsonException">Not a collection of methods.</exception>
    public static UserMethods Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        if (!doc.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The answer has no list of methods (value).");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        PassState? pass = null;
        foreach (var item in value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var type = MethodTypes.Of(item);
            counts[type] = counts.GetValueOrDefault(type) + 1;
            if (type == MethodTypes.TemporaryAccessPass && Str(item, "id") is { } id)
            {
                pass = ReadPass(item, id);
            }
        }

        return new UserMethods([.. counts.OrderBy(c => MethodTypes.Rank(c.Key)).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))],
            pass);
    }

    /// <summary>The types a user has, the password left out (everyone has one): the audit's <c>normalized</c> of a status record.</summary>
    public IEnumerable<string> Shown => Types.Where(t => t.Type != MethodTypes.Password).Select(t => t.Type);

    /// <summary>For people: "Microsoft Authenticator, 4 software OATH tokens, mobile phone".</summary>
    public static string Describe(IEnumerable<(string Type, int Count)> types) =>
        string.Join(", ", types.Select(t => t.Count > 1 ? $"{t.Count} {MethodTypes.Words(t.Type)}s" : MethodTypes.Words(t.Type)));

    private static PassState ReadPass(JsonElement t, string id)
    {
        DateTimeOffset? start = t.TryGetProperty("startDateTime", out var s) && s.ValueKind == JsonValueKind.String
            && s.TryGetDateTimeOffset(out var st) ? st : null;
        int? lifetime = t.TryGetProperty("lifetimeInMinutes", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var m) ? m : null;
        return new PassState(id, Str(t, "methodUsabilityReason"), Bool(t, "isUsable"), Bool(t, "isUsableOnce"), start,
            start is { } a && lifetime is { } minutes ? a.AddMinutes(minutes) : null);
    }

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement e, string name) => Graph.GraphJson.Str(e, name);
}
