using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GraphEmulator.Auth;

/// <summary>
/// Mints and validates the emulator's access tokens: HS256 JWTs signed with a key made per
/// instance. Graph tokens are opaque to clients (docs/graph-behaviour.md §9.4), so our own format is
/// fine; only the emulator validates them.
/// </summary>
internal sealed class TokenService(TimeProvider time)
{
    public const string GraphAudience = "https://graph.microsoft.com";
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    // Signature checks are cheap, but the emulator must sustain thousands of calls per second.
    private readonly ConcurrentDictionary<string, TokenClaims> _verified = new(StringComparer.Ordinal);
    private int _generation;

    public string Mint(string tenantId, string appId, IEnumerable<string> roles, TimeSpan lifetime,
        string? userObjectId = null, IEnumerable<string>? scopes = null, IEnumerable<string>? directoryRoles = null)
    {
        var now = time.GetUtcNow();
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("aud", GraphAudience);
            w.WriteString("iss", $"https://sts.windows.net/{tenantId}/");
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("nbf", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            w.WriteNumber("emu_gen", Volatile.Read(ref _generation));
            w.WriteString("appid", appId);
            w.WriteString("azp", appId);
            w.WriteString("tid", tenantId);
            w.WriteString("ver", "1.0");
            w.WriteString("idtyp", userObjectId is null ? "app" : "user");
            w.WriteString("oid", userObjectId ?? appId);
            w.WriteString("sub", userObjectId ?? appId);
            if (userObjectId is null)
            {
                w.WriteStartArray("roles");
                foreach (var r in roles)
                {
                    w.WriteStringValue(r);
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteString("scp", string.Join(' ', scopes ?? []));
                if (directoryRoles is not null)
                {
                    // The signed-in user's directory role template ids, as Entra's "wids" claim carries them.
                    w.WriteStartArray("wids");
                    foreach (var r in directoryRoles)
                    {
                        w.WriteStringValue(r);
                    }

                    w.WriteEndArray();
                }
            }

            w.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(ms.ToArray());
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Every token issued before now stops working (401), as after a credential revocation.</summary>
    public void RevokeIssued() => Interlocked.Increment(ref _generation);

    /// <summary>Validates signature, lifetime, audience and revocation; the message is Graph's 401 text.</summary>
    public TokenClaims? Validate(string token, out string error)
    {
        error = "";
        if (!_verified.TryGetValue(token, out var claims))
        {
            claims = Parse(token, out error);
            if (claims is null)
            {
                return null;
            }

            if (_verified.Count > 10_000)
            {
                _verified.Clear();
            }

            _verified[token] = claims;
        }

        var now = time.GetUtcNow();
        if (now >= claims.Expires)
        {
            error = "Lifetime validation failed, the token is expired.";
            return null;
        }

        if (now < claims.NotBefore || claims.Generation < Volatile.Read(ref _generation))
        {
            error = "Access token validation failure.";
            return null;
        }

        return claims;
    }

    private TokenClaims? Parse(string token, out string error)
    {
        error = "CompactToken parsing failed with error code: 80049217";
        var parts = token.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2])))
        {
            error = "Access token validation failure.";
            return null;
        }

        using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var p = doc.RootElement;
        if (p.GetProperty("aud").GetString() != GraphAudience)
        {
            error = "Access token validation failure. Invalid audience.";
            return null;
        }

        var roles = p.TryGetProperty("roles", out var r)
            ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var scopes = p.TryGetProperty("scp", out var s)
            ? s.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var delegated = p.GetProperty("idtyp").GetString() == "user";
        return new TokenClaims(
            p.GetProperty("appid").GetString()!, p.GetProperty("tid").GetString()!, roles, scopes,
            delegated ? p.GetProperty("oid").GetString() : null,
            p.GetProperty("emu_gen").GetInt32(),
            DateTimeOffset.FromUnixTimeSeconds(p.GetProperty("nbf").GetInt64()),
            DateTimeOffset.FromUnixTimeSeconds(p.GetProperty("exp").GetInt64()));
    }
}
