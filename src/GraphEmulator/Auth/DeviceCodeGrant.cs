using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GraphEmulator.Auth;

/// <summary>
/// The device-code flow (RFC 8628 as the identity platform serves it), enough for an unmodified
/// Azure.Identity <c>DeviceCodeCredential</c>: <c>POST /{tenant}/oauth2/v2.0/devicecode</c> hands out a code,
/// and the device-code grant on <c>/token</c> answers <c>authorization_pending</c> for the first
/// <see cref="PendingPolls"/> polls, then — the emulator "approves" the sign-in itself [emu] — a delegated
/// token for the configured administrator (<see cref="GraphEmulatorOptions.DeviceCodeAdmin"/>): <c>scp</c>
/// with the delegated permissions, <c>wids</c> with the Authentication Administrator role. No admin
/// configured: the grant answers <c>access_denied</c>, as a sign-in nobody approves would end.
/// </summary>
internal static class DeviceCodeGrant
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>What MSAL.NET (under Azure.Identity) sends; the identity platform accepts both spellings [obs].</summary>
    public const string ShortGrantType = "device_code";

    /// <summary>Polls answered authorization_pending before the sign-in counts as approved [emu].</summary>
    public const int PendingPolls = 2;

    /// <summary>The Authentication Administrator role template id (Entra built-in roles) [doc].</summary>
    public const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";

    /// <summary>What the delegated token grants (docs/graph-behaviour.md §4: resetPassword needs the delegated permission).</summary>
    public static readonly string[] DelegatedScopes = ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"];

    private sealed record Pending(string ClientId, DateTimeOffset Expires)
    {
        public int Polls;
    }

    private static readonly ConcurrentDictionary<string, Pending> Codes = new(StringComparer.Ordinal);

    public static async Task DeviceCodeAsync(HttpContext ctx, string tenant, EmulatorServices s)
    {
        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : null;
        var clientId = (string?)form?["client_id"];
        if (!s.Apps.IsKnownTenant(tenant) && !string.Equals(tenant, s.Options.TenantDomain, StringComparison.OrdinalIgnoreCase))
        {
            await TokenEndpoint.ErrorAsync(ctx, s, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found.");
            return;
        }

        if (string.IsNullOrEmpty(clientId) || s.Apps.Find(clientId) is null)
        {
            await TokenEndpoint.ErrorAsync(ctx, s, 400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in "
                + $"the directory.");
            return;
        }

        var deviceCode = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var userCode = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 9);
        Codes[deviceCode] = new Pending(clientId, s.Time.GetUtcNow().AddMinutes(15));
        var verification = $"{ctx.Request.Scheme}://{ctx.Request.Host}/devicelogin";
        await ctx.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["user_code"] = userCode,
            ["device_code"] = deviceCode,
            ["verification_uri"] = verification,
            ["expires_in"] = 900,
            ["interval"] = 1,
            ["message"] = $"To sign in, use a web browser to open the page {verification} and enter the code {userCode} to authenticate. (Graph "
                + $"emulator: approved automatically for {s.DeviceCodeAdmin ?? "nobody — no admin configured"}.)",
        }, ctx.RequestAborted);
    }

    /// <summary>The device-code grant on /token (the caller has read the form).</summary>
    public static Task TokenAsync(HttpContext ctx, IFormCollection form, EmulatorServices s)
    {
        var code = (string?)form["device_code"];
        if (string.IsNullOrEmpty(code) || !Codes.TryGetValue(code, out var pending) || s.Time.GetUtcNow() >= pending.Expires)
        {
            return TokenEndpoint.ErrorAsync(ctx, s, 400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not "
                + "valid. This device code has expired.");
        }

        if (!string.Equals(pending.ClientId, (string?)form["client_id"], StringComparison.OrdinalIgnoreCase))
        {
            return TokenEndpoint.ErrorAsync(ctx, s, 400, "invalid_grant", 70000, "The device code was issued to another client.");
        }

        if (Interlocked.Increment(ref pending.Polls) <= PendingPolls)
        {
            return TokenEndpoint.ErrorAsync(ctx, s, 400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. "
                + "Continue polling.");
        }

        Codes.TryRemove(code, out _);
        if (s.DeviceCodeAdmin is not { } admin || s.Directory.Find(admin) is not { } user)
        {
            return TokenEndpoint.ErrorAsync(ctx, s, 400, "access_denied", 70019, "The user declined the sign-in (the emulator has no DeviceCodeAdmin "
                + "configured).");
        }

        var app = s.Apps.Find(pending.ClientId)!;
        var lifetime = s.Options.TokenLifetime;
        var token = s.Tokens.Mint(app.TenantId, app.ClientId, [], lifetime, user.Id, DelegatedScopes, [AuthenticationAdministrator]);
        s.Stats.CountToken(true);
        ctx.Response.Headers.CacheControl = "no-store, no-cache";
        return ctx.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', DelegatedScopes.Select(p => TokenService.GraphAudience + "/" + p)) + " openid profile offline_access",
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["ext_expires_in"] = (long)lifetime.TotalSeconds,
            ["access_token"] = token,
            ["id_token"] = IdToken(app.TenantId, app.ClientId, user, s.Time.GetUtcNow(), lifetime),
            // MSAL keys its account cache on client_info (uid.utid).
            ["client_info"] = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { uid = user.Id, utid = app.TenantId })),
        }, ctx.RequestAborted);
    }

    /// <summary>An unsigned id token: clients read its claims (the account), they do not validate it.</summary>
    private static string IdToken(string tenantId, string clientId, State.UserRecord user, DateTimeOffset now, TimeSpan lifetime)
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = clientId,
            ["iss"] = $"https://login.microsoftonline.com/{tenantId}/v2.0",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["oid"] = user.Id,
            ["sub"] = user.Id,
            ["tid"] = tenantId,
            ["preferred_username"] = user.UserPrincipalName,
            ["name"] = user.DisplayName ?? user.UserPrincipalName,
            ["ver"] = "2.0",
        }));
        return header + "." + payload + ".";
    }
}
