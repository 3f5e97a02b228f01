using OtpNet;

namespace GraphEmulator.State;

/// <summary>
/// The activation check of a hardware OATH token: RFC 6238 TOTP, 6 digits, SHA-1 or SHA-256, 30 or 60 s, accepting
/// the current step and one either side (Otp.NET). It runs on the emulator's clock uncompressed [emu]: the importer
/// computes the code from the secret on the real clock, so compressing time would reject every right code.
/// </summary>
internal static class TotpCheck
{
    public static bool TryParseSecret(string? base32, out byte[] secret)
    {
        secret = [];
        var text = base32?.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        if (string.IsNullOrEmpty(text) || text.Any(c => c is not ((>= 'A' and <= 'Z') or (>= '2' and <= '7'))))
        {
            return false;
        }

        secret = Base32Encoding.ToBytes(text);
        return secret.Length >= 10;
    }

    public static bool Verify(OathDevice device, string? code, DateTimeOffset now)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var mode = device.HashFunction.Equals("hmacsha256", StringComparison.OrdinalIgnoreCase) ? OtpHashMode.Sha256 : OtpHashMode.Sha1;
        var totp = new Totp(device.Secret, step: device.TimeIntervalInSeconds, mode: mode, totpSize: 6);
        return totp.VerifyTotp(now.UtcDateTime, code, out _, new VerificationWindow(previous: 1, future: 1));
    }

    /// <summary>The code a token shows at <paramref name="now"/> (tests; the emulator never needs to show one).</summary>
    public static string Code(byte[] secret, int step, string hash, DateTimeOffset now) =>
        new Totp(secret, step, hash.Equals("hmacsha256", StringComparison.OrdinalIgnoreCase) ? OtpHashMode.Sha256 : OtpHashMode.Sha1, 6)
            .ComputeTotp(now.UtcDateTime);
}
