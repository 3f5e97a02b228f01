using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Planning;

namespace BulkRegistrar.Graph;

/// <summary>Reads the few Graph bodies the tool needs (users, phone and e-mail method lists).</summary>
internal static class GraphJson
{
    public sealed record User(string Id, string? UserPrincipalName, string? UsageLocation);

    public static User ReadUser(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return new User(r.GetProperty("id").GetString()!, Str(r, "userPrincipalName"), Str(r, "usageLocation"));
    }

    public static Dictionary<AuditMethod, CurrentPhone> ReadPhones(string body)
    {
        var phones = new Dictionary<AuditMethod, CurrentPhone>();
        using var doc = JsonDocument.Parse(body);
        foreach (var p in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            AuditMethod? type = Str(p, "phoneType") switch
            {
                "mobile" => AuditMethod.Mobile,
                "alternateMobile" => AuditMethod.AlternateMobile,
                "office" => AuditMethod.Office,
                _ => null,
            };
            if (type is { } t && Str(p, "phoneNumber") is { } number)
            {
                phones[t] = new CurrentPhone(number, Str(p, "smsSignInState"));
            }
        }

        return phones;
    }

    public static CurrentEmail? ReadEmail(string body)
    {
        using var doc = JsonDocument.Parse(body);
        foreach (var e in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (Str(e, "id") is { } id && Str(e, "emailAddress") is { } address)
            {
                return new CurrentEmail(id, address);
            }
        }

        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
