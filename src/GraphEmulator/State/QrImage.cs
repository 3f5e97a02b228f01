using System.Security.Cryptography;
using QRCoder;

namespace GraphEmulator.State;

/// <summary>A QR code as Graph returns it at creation (qrCodeImageDetails): the PNG, its QR version and level, the raw content.</summary>
internal sealed record QrImageDetails(byte[] Png, int Version, string ErrorCorrectionLevel, string Content);

/// <summary>
/// Makes the QR code image. Graph's qrCode holds "a unique identifier (GUID), a private key, and the user's UPN"
/// (docs/graph-behaviour.md §3.6) and keeps no private key, so the image is returned once. The emulator's content is
/// its own text with those three parts [emu]; it is recorded per user so a test can decode a printed badge and match it.
/// </summary>
internal static class QrImage
{
    public static QrImageDetails Create(string qrCodeId, string userPrincipalName)
    {
        var key = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var content = $"EMUQR1;id={qrCodeId};upn={userPrincipalName};key={key}";
        using var data = QRCodeGenerator.GenerateQrCode(content, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return new QrImageDetails(png.GetGraphic(8), data.Version, "m", content);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
