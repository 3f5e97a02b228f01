using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GraphEmulator.Auth;

/// <summary>
/// A certificate credential (RFC 7523 §2.2, as Entra ID takes it): instead of client_secret the app sends
/// <c>client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer</c> and a JWT it signed
/// with the private key of a certificate registered on the app. Checked as Entra does: the header's
/// <c>x5t</c>/<c>x5t#S256</c> names a registered certificate, the RS256 or PS256 signature verifies with
/// it, <c>iss</c> and <c>sub</c> are the client id, <c>aud</c> is this token endpoint, and the assertion is
/// within its lifetime (5 minutes of clock skew allowed).
/// </summary>
internal static class ClientAssertion
{
    public const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public sealed record Refusal(int Code, string Text);

    public static bool IsPresent(IFormCollection form) =>
        !string.IsNullOrEmpty(form["client_assertion"]) || !string.IsNullOrEmpty(form["client_assertion_type"]);

    /// <returns>Null when the assertion proves the app; else Entra's AADSTS code and text.</returns>
    public static Refusal? Check(IFormCollection form, AppEntry app, string tenant, DateTimeOffset now)
    {
        if (form["client_assertion_type"] != JwtBearer)
        {
            return new Refusal(700025, "Client assertion type is not supported; expected urn:ietf:params:oauth:client-assertion-type:jwt-bearer.");
        }

        var parts = ((string?)form["client_assertion"] ?? "").Split('.');
        if (parts.Length != 3 || !parts.All(p => Base64Url.IsValid(p)))
        {
            return new Refusal(50027, "JWT token is invalid or malformed.");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var certificate = Registered(header.RootElement, app);
            if (certificate is null)
            {
                return new Refusal(700027, "The certificate with identifier used to sign the client assertion is not registered on application.");
            }

            if (!Verifies(header.RootElement, certificate, parts))
            {
                return new Refusal(700027, "Client assertion failed signature validation.");
            }

            var p = payload.RootElement;
            if (Text(p, "iss") != app.ClientId || Text(p, "sub") != app.ClientId)
            {
                return new Refusal(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
            }

            if (!IsThisEndpoint(Text(p, "aud"), tenant))
            {
                return new Refusal(700016, "The audience of the client assertion is not this token endpoint.");
            }

            var nbf = Seconds(p, "nbf") ?? DateTimeOffset.MinValue;
            var exp = Seconds(p, "exp") ?? DateTimeOffset.MinValue;
            return now + Skew < nbf || now - Skew >= exp ? new Refusal(700024, "Client assertion is not within its valid time range.") : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or CryptographicException or KeyNotFoundException)
        {
            return new Refusal(50027, "JWT token is invalid or malformed.");
        }
    }

    /// <summary>The app's registered certificates, from PEM or base64 DER.</summary>
    public static IReadOnlyList<X509Certificate2> Parse(IEnumerable<string> certificates) =>
        certificates.Select(c => c.Contains("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(c)
            : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c))).ToList();

    private static X509Certificate2? Registered(JsonElement header, AppEntry app)
    {
        var sha1 = Text(header, "x5t");
        var sha256 = Text(header, "x5t#S256");
        return app.Certificates.FirstOrDefault(c =>
            (sha1 is not null && Base64Url.EncodeToString(c.GetCertHash(HashAlgorithmName.SHA1)) == sha1)
            || (sha256 is not null && Base64Url.EncodeToString(c.GetCertHash(HashAlgorithmName.SHA256)) == sha256));
    }

    private static bool Verifies(JsonElement header, X509Certificate2 certificate, string[] parts)
    {
        var padding = Text(header, "alg") switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        using var rsa = certificate.GetRSAPublicKey();
        return padding is not null && rsa is not null
            && rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, padding);
    }

    private static bool IsThisEndpoint(string? audience, string tenant) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var aud)
        && string.Equals(aud.AbsolutePath.TrimEnd('/'), $"/{tenant}/oauth2/v2.0/token", StringComparison.OrdinalIgnoreCase);

    /// <summary>A NumericDate; MSAL.NET writes it as a JSON string, the RFC as a number — Entra takes both.</summary>
    private static DateTimeOffset? Seconds(JsonElement p, string name) =>
        !p.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(v.GetInt64())
        : v.ValueKind == JsonValueKind.String
            && long.TryParse(v.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
                ? DateTimeOffset.FromUnixTimeSeconds(s)
        : null;

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
