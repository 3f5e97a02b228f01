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

    public static Dictionary<MethodKind, CurrentPhone> ReadPhones(string body)
    {
        var phones = new Dictionary<MethodKind, CurrentPhone>();
        using var doc = JsonDocument.Parse(body);
        foreach (var p in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (MethodNames.PhoneType(Str(p, "phoneType")) is { } t && Str(p, "phoneNumber") is { } number)
            {
                phones[t] = new CurrentPhone(number, SmsSignInStates.Parse(Str(p, "smsSignInState")));
            }
        }

        return phones;
    }

    /// <summary>The user's pass as a list shows it (never the pass itself: Graph returns it only in the 201).</summary>
    public static CurrentTap? ReadTap(string body)
    {
        using var doc = JsonDocument.Parse(body);
        foreach (var t in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (Str(t, "id") is { } id)
            {
                return ReadTapObject(t, id);
            }
        }

        return null;
    }

    /// <summary>The 201 of a create: the pass and when it is valid. The pass goes to the hand-off file only.</summary>
    public static (CurrentTap Tap, string? Pass) ReadIssuedTap(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return (ReadTapObject(r, Str(r, "id") ?? ""), Str(r, "temporaryAccessPass"));
    }

    private static CurrentTap ReadTapObject(JsonElement t, string id)
    {
        DateTimeOffset? start = t.TryGetProperty("startDateTime", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetDateTimeOffset(out var st) ? st : null;
        int? lifetime = t.TryGetProperty("lifetimeInMinutes", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : null;
        var usable = t.TryGetProperty("isUsable", out var u) && u.ValueKind == JsonValueKind.True;
        return new CurrentTap(id, start, start is { } a && lifetime is { } m ? a.AddMinutes(m) : null, usable, Str(t, "methodUsabilityReason"));
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
