using OtpNet;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>
/// The code a hardware OATH token shows now, computed from its secret key: RFC 6238 TOTP, 6 digits, HMAC-SHA-1 or -SHA-256, a 30 or
/// 60 second step (Otp.NET; docs/graph-behaviour.md §3.7). Graph activates a token only with its current code, so apply computes it
/// at the moment it sends the activation, on the run's clock.
/// </summary>
internal static class OathCode
{
    /// <summary>The secret key as Graph and the portal take it: base32 (RFC 4648), spaces and '=' padding ignored, any case.</summary>
    public static string? NormalizeSecret(string? text)
    {
        var key = text?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        return string.IsNullOrEmpty(key) || !key.All(c => c is (>= 'A' and <= 'Z') or (>= '2' and <= '7')) ? null : key;
    }

    /// <summary>Bits a base32 key carries (5 per character); Graph wants at least 80 (docs/graph-behaviour.md §3.7).</summary>
    public static int Bits(string normalizedKey) => normalizedKey.Length * 5;

    public static string Current(string secret, int interval, string hash, DateTimeOffset now) =>
        At(Base32Encoding.ToBytes(secret), interval, hash, now, 6);

    /// <summary>RFC 6238 over raw key bytes (the RFC's test vectors give ASCII keys and 8 digits).</summary>
    public static string At(byte[] key, int interval, string hash, DateTimeOffset now, int digits) =>
        new Totp(key, interval, string.Equals(hash, OathSpec.Sha256, StringComparison.OrdinalIgnoreCase) ? OtpHashMode.Sha256 : OtpHashMode.Sha1, digits)
            .ComputeTotp(now.UtcDateTime);
}
