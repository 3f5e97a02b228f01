using System.Text.Json;

namespace BulkRegistrar.Graph;

/// <summary>Reads the Graph bodies every stage needs (a user); each method's list is read by its description.</summary>
internal static class GraphJson
{
    /// <param name="Manager">Read only with <c>$expand=manager</c> (<see cref="GraphRequests.GetUser"/>); null: none set, or not asked.</param>
    /// <param name="HireDate"><c>employeeHireDate</c>, when selected and set.</param>
    public sealed record User(string Id, string? UserPrincipalName, string? UsageLocation, Manager? Manager = null, DateTimeOffset? HireDate = null);

    /// <summary>A user's manager (docs/graph-behaviour.md §13.2): a user, or an organisational contact (no UPN, maybe an address).</summary>
    public sealed record Manager(string Id, string? UserPrincipalName, string? Mail);

    public static User ReadUser(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        var manager = r.TryGetProperty("manager", out var m) && m.ValueKind == JsonValueKind.Object && Str(m, "id") is { } id
            ? new Manager(id, Str(m, "userPrincipalName"), Str(m, "mail"))
            : null;
        DateTimeOffset? hired = r.TryGetProperty("employeeHireDate", out var h) && h.ValueKind == JsonValueKind.String && h.TryGetDateTimeOffset(out var d)
            ? d
            : null;
        return new User(r.GetProperty("id").GetString()!, Str(r, "userPrincipalName"), Str(r, "usageLocation"), manager, hired);
    }

    /// <summary>A string member of a Graph object, or null when it is absent or not a string.</summary>
    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
