using System.Text.Json;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>One QR code of the method (standard or temporary), as Graph shows it: never its image after the 201 that created it.</summary>
internal sealed record QrCodeWindow(string? Id, DateTimeOffset? Start, DateTimeOffset? Expire)
{
    /// <summary>It works now, or will from its start: a code that has not expired (an unknown expiry counts as not expired).</summary>
    public bool LiveOrComing(DateTimeOffset now) => Expire is not { } e || e > now;
}

/// <summary>The user's QR code + PIN method: its id and codes (docs/graph-behaviour.md §3.6); the PIN is never shown by a read.</summary>
internal sealed record CurrentQr(string Id, QrCodeWindow? Standard, QrCodeWindow? Temporary)
{
    /// <summary>
    /// The user holds a badge that works or will: a code not yet expired. Without a clock (<paramref name="now"/> null) any method counts:
    /// a new one would have to delete it, and with it a badge someone may have printed.
    /// </summary>
    public bool IsHeldAt(DateTimeOffset? now) =>
        now is not { } t || Standard?.LiveOrComing(t) == true || Temporary?.LiveOrComing(t) == true;

    public string Describe() => Standard is { } s
        ? $"standard QR code valid from {QrSpec.Show(s.Start)} until {QrSpec.Show(s.Expire)}"
        : Temporary is { } t ? $"temporary QR code until {QrSpec.Show(t.Expire)}" : "no QR code";
}

/// <summary>What the 201 of a PUT returned: the method, the PIN Graph generated (or echoed) and the standard code's image (PNG).</summary>
internal sealed record IssuedQr(CurrentQr Method, string? Pin, byte[]? Image);

/// <summary>
/// <c>GET /users/{id}/authentication/qrCodePinMethod</c>: one object, not a list, so a user without one answers 404
/// (<see cref="IsAbsent"/>). The v1.0 SDK 6.10.0 has the models but no request builder for it (docs/sdk-notes.md §13): the requests
/// are built as <see cref="RequestInformation"/> on the client's own base URL, and go through the same <c>$batch</c> as every other.
/// </summary>
internal sealed class QrList() : MethodList<CurrentQr>("QR code + PIN")
{
    public static QrList Instance { get; } = new();

    public static RequestInformation At(GraphRequests requests, string id, Method method) => new()
    {
        HttpMethod = method,
        URI = new Uri($"{requests.Client.RequestAdapter.BaseUrl}/users/{Uri.EscapeDataString(id)}/authentication/qrCodePinMethod"),
    };

    public override RequestInformation Request(GraphRequests requests, string id)
    {
        var info = At(requests, id, Method.GET);
        info.Headers.Add("Accept", "application/json");
        return info;
    }

    public override bool IsAbsent(CallResult read) => read.Status == 404;

    public override CurrentQr? Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return ReadObject(doc.RootElement);
    }

    /// <summary>The 201 of a PUT. The PIN and the image go to the hand-off file and the badge sheet only.</summary>
    public static IssuedQr ReadIssued(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        var pin = r.TryGetProperty("pin", out var p) && p.ValueKind == JsonValueKind.Object ? GraphJson.Str(p, "code") : null;
        byte[]? image = null;
        if (r.TryGetProperty("standardQRCode", out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("image", out var i)
            && i.ValueKind == JsonValueKind.Object && GraphJson.Str(i, "binaryValue") is { } base64)
        {
            var bytes = new byte[base64.Length];
            image = Convert.TryFromBase64String(base64, bytes, out var n) ? bytes[..n] : null;
        }

        return new IssuedQr(ReadObject(r) ?? new CurrentQr("", null, null), pin, image);
    }

    private static CurrentQr? ReadObject(JsonElement r) =>
        GraphJson.Str(r, "id") is { } id ? new CurrentQr(id, Code(r, "standardQRCode"), Code(r, "temporaryQRCode")) : null;

    private static QrCodeWindow? Code(JsonElement r, string name) =>
        r.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.Object
            ? new QrCodeWindow(GraphJson.Str(c, "id"), Date(c, "startDateTime"), Date(c, "expireDateTime"))
            : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t) ? t : null;
}
