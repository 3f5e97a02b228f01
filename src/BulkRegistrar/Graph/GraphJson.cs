using System.Text.Json;

namespace BulkRegistrar.Graph;

/// <summary>Reads the Graph bodies every stage needs (a user); each method's list is read by its description.</summary>
internal static class GraphJson
{
    public sealed record User(string Id, string? UserPrincipalName, string? UsageLocation);

    public static User ReadUser(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return new User(r.GetProperty("id").GetString()!, Str(r, "userPrincipalName"), Str(r, "usageLocation"));
    }

    /// <summary>A string member of a Graph object, or null when it is absent or not a string.</summary>
    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
