using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GraphEmulator.Auth;

/// <summary>
/// POST /{tenant}/oauth2/v2.0/token, client credentials only (docs/graph-behaviour.md §9.1–9.3), proven by the
/// client secret or by a certificate client assertion (<see cref="ClientAssertion"/>). Enough for an
/// unmodified Azure.Identity ClientSecretCredential or ClientCertificateCredential with DisableInstanceDiscovery.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext ctx, string tenant, EmulatorServices s)
    {
        s.Stats.CountToken(false);
        if (s.Latency.TokenEndpoint > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(s.Latency.TokenEndpoint), s.Time, ctx.RequestAborted);
        }

        if (!ctx.Request.HasFormContentType)
        {
            await ErrorAsync(ctx, s, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        string? clientId = form["client_id"], secret = form["client_secret"];
        ReadBasicAuth(ctx, ref clientId, ref secret);
        var grant = (string?)form["grant_type"];
        var scope = (string?)form["scope"];

        if (grant is DeviceCodeGrant.GrantType or DeviceCodeGrant.ShortGrantType)
        {
            await DeviceCodeGrant.TokenAsync(ctx, form, s); // a public client: no secret (Auth/DeviceCodeGrant.cs)
        }
        else if (string.IsNullOrEmpty(grant))
        {
            await ErrorAsync(ctx, s, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }
        else if (grant != "client_credentials")
        {
            // Room for device code later: only the app-only grant exists today.
            await ErrorAsync(ctx, s, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }
        else if (!s.Apps.IsKnownTenant(tenant) && !string.Equals(tenant, s.Options.TenantDomain, StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(ctx, s, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found.");
        }
        else if (string.IsNullOrEmpty(clientId) || s.Apps.Find(clientId) is not { } app)
        {
            await ErrorAsync(ctx, s, 400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory.");
        }
        else if (ClientAssertion.IsPresent(form) && ClientAssertion.Check(form, app, tenant, s.Time.GetUtcNow()) is { } refused)
        {
            await ErrorAsync(ctx, s, 401, "invalid_client", refused.Code, refused.Text);
        }
        else if (!ClientAssertion.IsPresent(form) && (string.IsNullOrEmpty(secret) || !FixedEquals(secret, app.Secret)))
        {
            await ErrorAsync(ctx, s, 401, "invalid_client", 7000215, "Invalid client secret provided.");
        }
        else if (scope is null || !IsGraphDefaultScope(scope))
        {
            await ErrorAsync(ctx, s, 400, "invalid_scope", 70011, $"The provided value for the input parameter 'scope' is not valid. The scope "
                + $"{scope} is not valid.");
        }
        else
        {
            var lifetime = s.Options.TokenLifetime;
            var token = s.Tokens.Mint(app.TenantId, app.ClientId, app.Roles, lifetime);
            var seconds = (long)lifetime.TotalSeconds;
            s.Stats.CountToken(true);
            ctx.Response.Headers.CacheControl = "no-store, no-cache";
            await ctx.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = seconds,
                ["ext_expires_in"] = seconds,
                ["access_token"] = token,
            }, ctx.RequestAborted);
        }
    }

    private static bool IsGraphDefaultScope(string scope) =>
        scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var one]
        && (one.Equals(TokenService.GraphAudience + "/.default", StringComparison.OrdinalIgnoreCase)
            || one.Equals("00000003-0000-0000-c000-000000000000/.default", StringComparison.OrdinalIgnoreCase));

    private static bool FixedEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static void ReadBasicAuth(HttpContext ctx, ref string? clientId, ref string? secret)
    {
        var auth = (string?)ctx.Request.Headers.Authorization;
        if (auth is null || !auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim())).Split(':', 2);
        if (pair.Length == 2)
        {
            clientId ??= Uri.UnescapeDataString(pair[0]);
            secret ??= Uri.UnescapeDataString(pair[1]);
        }
    }

    internal static Task ErrorAsync(HttpContext ctx, EmulatorServices s, int status, string error, int code, string text)
    {
        var now = s.Time.GetUtcNow();
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var trace = Guid.NewGuid().ToString();
        var correlation = (string?)ctx.Request.Headers["client-request-id"] ?? Guid.NewGuid().ToString();
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {text}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {stamp}",
            ["error_codes"] = new[] { code },
            ["timestamp"] = stamp,
            ["trace_id"] = trace,
            ["correlation_id"] = correlation,
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
        }, ctx.RequestAborted);
    }
}
