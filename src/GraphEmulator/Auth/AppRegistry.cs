using System.Collections.Concurrent;

namespace GraphEmulator.Auth;

/// <summary>A registered app with the roles it is currently granted.</summary>
internal sealed class AppEntry(EmulatorClientApp app)
{
    public string TenantId { get; } = app.TenantId;
    public string ClientId { get; } = app.ClientId;
    public string Secret { get; } = app.ClientSecret;

    /// <summary>The certificates registered for the app (Certificates &amp; secrets → Certificates in Entra).</summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> Certificates { get; } = ClientAssertion.Parse(app.Certificates);
    public volatile IReadOnlySet<string> Roles = app.Roles.ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set once roles were changed at runtime: tokens already issued are checked against the new grant too.</summary>
    public volatile bool LiveRoles;
}

/// <summary>The client apps the token endpoint knows and the grants Graph calls are checked against.</summary>
internal sealed class AppRegistry
{
    private readonly IReadOnlyList<EmulatorClientApp> _configured;
    private ConcurrentDictionary<string, AppEntry> _apps = new(StringComparer.OrdinalIgnoreCase);

    public AppRegistry(IReadOnlyList<EmulatorClientApp> configured)
    {
        _configured = configured.Count > 0 ? configured : [EmulatorClientApp.CreateDefault()];
        Reset();
    }

    public AppEntry Default => _apps[_configured[0].ClientId];

    public AppEntry? Find(string clientId) => _apps.TryGetValue(clientId, out var a) ? a : null;

    public bool IsKnownTenant(string tenant) =>
        _apps.Values.Any(a => string.Equals(a.TenantId, tenant, StringComparison.OrdinalIgnoreCase));

    /// <summary>Back to the configured apps and grants (between tests).</summary>
    public void Reset() => _apps = new ConcurrentDictionary<string, AppEntry>(
        _configured.Select(a => KeyValuePair.Create(a.ClientId, new AppEntry(a))), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Changes an app's grant. New tokens carry the new roles; tokens already issued are also cut
    /// down to them [emu] — real Entra keeps honouring a token until it expires, but tests need to
    /// produce a 403 mid-run without waiting an hour.
    /// </summary>
    public void SetRoles(string clientId, IEnumerable<string> roles)
    {
        var app = Find(clientId) ?? throw new ArgumentException($"Unknown client id '{clientId}'.", nameof(clientId));
        app.Roles = roles.ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.LiveRoles = true;
    }

    public IReadOnlySet<string> EffectiveGrants(TokenClaims claims)
    {
        var app = Find(claims.AppId);
        if (app is null || !app.LiveRoles || !claims.IsAppOnly)
        {
            return claims.Grants;
        }

        var live = app.Roles;
        return claims.Grants.Where(live.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
