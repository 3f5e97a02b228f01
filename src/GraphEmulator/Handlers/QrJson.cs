using System.Text.Json.Nodes;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>Wire shapes of qrCodePinAuthenticationMethod, qrCode and qrPin (docs/graph-behaviour.md §3.6).</summary>
internal static class QrJson
{
    public const string MethodType = "#microsoft.graph.qrCodePinAuthenticationMethod";

    /// <summary>The method with its codes and PIN inline, as Graph's GET example shows them; image and PIN only when just issued.</summary>
    public static JsonObject Method(QrCodePinState m, DateTimeOffset now, bool typed, QrImageDetails? standardImage = null, string? pin = null) =>
        MethodJson.Typed(typed, MethodType, new JsonObject
        {
            ["id"] = m.Id,
            ["createdDateTime"] = MethodJson.Iso(m.Created),
            ["isUsable"] = m.UsableAt(now),
            ["methodUsabilityReason"] = null,
            ["standardQRCode"] = m.Standard is { } s ? Code(s, standardImage) : null,
            ["temporaryQRCode"] = m.Temporary is { } t ? Code(t, null) : null,
            ["pin"] = Pin(m.Pin, pin),
        });

    /// <summary>The image is returned only when the code is created: Graph keeps no private key to draw it again.</summary>
    public static JsonObject Code(QrCodeState c, QrImageDetails? image) => new()
    {
        ["@odata.type"] = "#microsoft.graph.qrCode",
        ["id"] = c.Id,
        ["expireDateTime"] = MethodJson.Iso(c.Expire),
        ["startDateTime"] = MethodJson.Iso(c.Start),
        ["createdDateTime"] = MethodJson.Iso(c.Created),
        ["lastUsedDateTime"] = "0001-01-01T00:00:00Z",
        ["image"] = image is null ? null : new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.qrCodeImageDetails",
            ["binaryValue"] = Convert.ToBase64String(image.Png),
            ["version"] = image.Version,
            ["errorCorrectionLevel"] = image.ErrorCorrectionLevel,
            ["rawContent"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(image.Content)),
        },
    };

    /// <summary>The PIN's code only in the answer that issued it; null on every read.</summary>
    public static JsonObject Pin(QrPinState p, string? code) => new()
    {
        ["@odata.type"] = "#microsoft.graph.qrPin",
        ["id"] = p.Id,
        ["code"] = code,
        ["forceChangePinNextSignIn"] = p.ForceChangePinNextSignIn,
        ["createdDateTime"] = MethodJson.Iso(p.Created),
        ["updatedDateTime"] = MethodJson.Iso(p.Updated),
    };
}
