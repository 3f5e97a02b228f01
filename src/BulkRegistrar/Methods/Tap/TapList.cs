using System.Globalization;
using System.Text.Json;
using BulkRegistrar.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Tap;

/// <param name="Reason">Graph's <c>methodUsabilityReason</c>: EnabledByPolicy, NotYetValid, Expired, OneTimeUsed, DisabledByPolicy.</param>
internal sealed record CurrentTap(string Id, DateTimeOffset? Start, DateTimeOffset? End, bool IsUsable, string? Reason)
{
    /// <summary>The user holds a pass they can (or, from its start, will be able to) sign in with: a new one would silently replace it.</summary>
    public bool IsHeld => IsUsable || string.Equals(Reason, "NotYetValid", StringComparison.OrdinalIgnoreCase);

    public string Describe() =>
        $"valid from {Show(Start)} until {Show(End)}{(Reason is null ? "" : $", {Reason}")}";

    private static string Show(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}

/// <summary>
/// <c>GET /users/{id}/authentication/temporaryAccessPassMethods</c>: the user's pass as a list shows it — its metadata, never the
/// pass itself, which Graph returns only in the 201 that creates it.
/// </summary>
internal sealed class TapList() : MethodList<CurrentTap>("Temporary Access Pass")
{
    public static TapList Instance { get; } = new();

    public override RequestInformation Request(GraphRequests requests, string id) =>
        requests.Client.Users[id].Authentication.TemporaryAccessPassMethods.ToGetRequestInformation();

    public override CurrentTap? Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        foreach (var t in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (GraphJson.Str(t, "id") is { } id)
            {
                return ReadObject(t, id);
            }
        }

        return null;
    }

    /// <summary>The 201 of a create: the pass and when it is valid. The pass goes to the hand-off file only.</summary>
    public static (CurrentTap Tap, string? Pass) ReadIssued(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return (ReadObject(r, GraphJson.Str(r, "id") ?? ""), GraphJson.Str(r, "temporaryAccessPass"));
    }

    private static CurrentTap ReadObject(JsonElement t, string id)
    {
        DateTimeOffset? start = t.TryGetProperty("startDateTime", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetDateTimeOffset(out var st)
            ? st
            : null;
        int? lifetime = t.TryGetProperty("lifetimeInMinutes", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : null;
        var usable = t.TryGetProperty("isUsable", out var u) && u.ValueKind == JsonValueKind.True;
        return new CurrentTap(id, start, start is { } a && lifetime is { } m ? a.AddMinutes(m) : null, usable, GraphJson.Str(t, "methodUsabilityReason"));
    }
}
