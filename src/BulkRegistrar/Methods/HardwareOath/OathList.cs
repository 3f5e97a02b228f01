using System.Text.Json;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>A hardware OATH token as Graph reads it back (never its secret key): id, serial, status, and who holds it.</summary>
/// <param name="Status">Graph's <c>status</c>: <c>available</c>, <c>assigned</c>, <c>activated</c>, <c>failedActivation</c>.</param>
/// <param name="Interval">Its <c>timeIntervalInSeconds</c> and <paramref name="Hash"/> its <c>hashFunction</c>, as the inventory holds them: they, not the
/// file, say how its code is computed (the portal's file has no hash column).</param>
internal sealed record OathToken(string Id, string Serial, string? Status, string? HolderId, string? HolderName, int? Interval = null, string? Hash = null)
{
    public bool Activated => string.Equals(Status, "activated", StringComparison.OrdinalIgnoreCase);

    public bool Is(string serial) => string.Equals(Serial, serial, StringComparison.OrdinalIgnoreCase);

    public string Describe() => $"{Serial} ({Status ?? "status unknown"})";
}

/// <summary>
/// <c>GET /beta/users/{id}/authentication/hardwareOathMethods?$expand=device</c>: the user's tokens (the method's id is the device's),
/// each with its serial and status from the expanded device. Also reads the inventory's answer by serial (<see cref="Devices"/>).
/// </summary>
internal sealed class OathList() : MethodList<IReadOnlyList<OathToken>>("hardware OATH token")
{
    public static OathList Instance { get; } = new();

    public override RequestInformation Request(GraphRequests requests, string id) => OathRequests.UserTokens(requests, id);

    public override IReadOnlyList<OathToken>? Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var tokens = new List<OathToken>();
        foreach (var m in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (m.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.Object && Token(d) is { } token)
            {
                tokens.Add(token);
            }
        }

        return tokens.Count == 0 ? null : tokens;
    }

    /// <summary>The inventory's list (a <c>$filter</c> by serial, or a create's answer).</summary>
    public static IReadOnlyList<OathToken> Devices(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return r.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(Token).OfType<OathToken>()]
            : Token(r) is { } one ? [one] : [];
    }

    public static OathToken? Held(CurrentMethods current, string serial) => Instance.In(current)?.FirstOrDefault(t => t.Is(serial));

    private static OathToken? Token(JsonElement d)
    {
        if (GraphJson.Str(d, "id") is not { } id || GraphJson.Str(d, "serialNumber") is not { } serial)
        {
            return null;
        }

        var holder = d.TryGetProperty("assignedTo", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var interval = d.TryGetProperty("timeIntervalInSeconds", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : (int?)null;
        return new OathToken(id, serial, GraphJson.Str(d, "status"),
            holder.ValueKind == JsonValueKind.Object ? GraphJson.Str(holder, "id") : null,
            holder.ValueKind == JsonValueKind.Object ? GraphJson.Str(holder, "displayName") : null, interval, GraphJson.Str(d, "hashFunction"));
    }
}
