using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GraphEmulator.Inspection;
using GraphEmulator.Seed;
using Microsoft.AspNetCore.Builder;

namespace GraphEmulator;

/// <summary>
/// A started emulator. Dispose to stop it. Everything /_emulator offers over HTTP is available
/// here in-process too (same objects behind both).
/// </summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorServices _s;
    private readonly X509Certificate2? _certificate;

    internal RunningEmulator(WebApplication app, EmulatorServices services, Uri baseUrl, X509Certificate2? certificate)
    {
        _app = app;
        _s = services;
        _certificate = certificate;
        BaseUrl = baseUrl;
        CertificateSha256 = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>Scheme, host and bound port, e.g. https://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>BaseUrl + "/v1.0": what GraphServiceClient takes as base URL.</summary>
    public string GraphBaseUrl => _s.GraphBaseUrl;

    /// <summary>BaseUrl + "/beta": the same Graph with the beta-only routes (hardware OATH).</summary>
    public string GraphBetaUrl => _s.GraphBaseUrl[..^"v1.0".Length] + "beta";

    /// <summary>Upper-case hex SHA-256 of the self-signed certificate (X509Certificate2.GetCertHashString(SHA256)); null over http.</summary>
    public string? CertificateSha256 { get; }

    public string TenantId => _s.Apps.Default.TenantId;

    public string ClientId => _s.Apps.Default.ClientId;

    public string ClientSecret => _s.Apps.Default.Secret;

    /// <summary>Mints an app-only token for the default app with exactly these roles (no token endpoint round trip).</summary>
    public string IssueToken(params string[] roles) => IssueToken(roles, null, null);

    public string IssueToken(IEnumerable<string> roles, string? clientId, TimeSpan? lifetime)
    {
        var app = clientId is null ? _s.Apps.Default : _s.Apps.Find(clientId) ?? throw new ArgumentException($"Unknown client id "
            + $"'{clientId}'.", nameof(clientId));
        return _s.Tokens.Mint(app.TenantId, app.ClientId, roles, lifetime ?? _s.Options.TokenLifetime);
    }

    /// <summary>Mints a delegated token (scp, signed-in user's oid) for the default app; resetPassword needs one.</summary>
    public string IssueDelegatedToken(string userObjectId, params string[] scopes) =>
        _s.Tokens.Mint(TenantId, ClientId, [], _s.Options.TokenLifetime, userObjectId, scopes);

    public EmulatorStatsSnapshot GetStats() => _s.Stats.Snapshot();

    /// <summary>
    /// Completes the moment the emulator has applied <paramref name="count"/> writes since start or the last
    /// <see cref="Reset"/> (a test hook: await it, with a timeout, instead of polling <see cref="GetStats"/>).
    /// </summary>
    public Task WhenWritesApplied(long count) => _s.Stats.WhenWritesApplied(count);

    /// <summary>A user's full state by object id or UPN; null when the user is not in the directory.</summary>
    public EmulatorUserState? GetUserState(string idOrUpn) => UserStateView.Of(_s.Directory, idOrUpn);

    public IReadOnlyList<EmulatorRequestLogEntry> GetRequestLog() => _s.Log.Snapshot();

    /// <summary>Directory back to the seed; counters, log, budgets, windows, faults and grants back to start-up. Tokens stay valid.</summary>
    public void Reset() => _s.Reset();

    /// <summary>Replaces the seed (and the directory) from now on; Reset() then returns to this seed.</summary>
    public void Reseed(DirectorySeed seed) => _s.Reseed(seed);

    /// <summary>Switches the fault profile ("off", "realistic", "chaos") and optionally the seed and latency profile.</summary>
    public void SetFaultProfile(string profile, int? seed = null, string? latencyProfile = null) => _s.SetFaults(profile, seed, latencyProfile);

    /// <summary>
    /// Makes the next <paramref name="count"/> matching (sub-)requests fail with <paramref name="fault"/>.
    /// <paramref name="pathContains"/> matches the decoded url as sent, the user's object id or the route name.
    /// </summary>
    public void ScheduleFault(EmulatorFault fault, int count = 1, string? method = null, string? pathContains = null) =>
        _s.Faults.Schedule(fault, count, method, pathContains);

    /// <summary>Switches the throttling profile (buckets start full again) and optionally k and overrides.</summary>
    public void SetThrottling(string profile, double? timeCompression = null, ThrottlingOverrides? overrides = null) =>
        _s.SetThrottling(profile, timeCompression, overrides);

    /// <summary>Changes an app's roles; tokens already issued are cut down to them too [emu], so a run sees 403 at once.</summary>
    public void SetAppRoles(string clientId, IEnumerable<string> roles) => _s.Apps.SetRoles(clientId, roles);

    /// <summary>Every token issued so far answers 401 from now on.</summary>
    public void RevokeIssuedTokens() => _s.Tokens.RevokeIssued();

    /// <summary>The user's next <paramref name="count"/> writes answer success but change nothing (for read-back checks).</summary>
    public void ForgetNextWrites(string idOrUpn, int count = 1) => UserHooks.Forget(_s, idOrUpn, count);

    /// <summary>The user's next <paramref name="count"/> password resets are accepted and their operation ends failed.</summary>
    public void FailNextPasswordResets(string idOrUpn, int count = 1) => UserHooks.FailResets(_s, idOrUpn, count);

    /// <summary>The user signs in with their pass (test hook): a one-time pass then reads OneTimeUsed. False when there is no pass.</summary>
    public bool MarkTemporaryAccessPassUsed(string idOrUpn) => UserHooks.MarkTapUsed(_s, idOrUpn);

    /// <summary>Every QR code content and the last PIN the emulator issued to the user (test hook; secrets); null for an unknown user.</summary>
    public EmulatorQrSecrets? GetQrCodePinSecrets(string idOrUpn) => UserStateView.QrSecrets(_s.Directory, idOrUpn);

    /// <summary>The tenant's hardware OATH inventory, without secrets.</summary>
    public IReadOnlyList<EmulatorOathDeviceState> GetHardwareOathDevices() => UserStateView.Devices(_s.Directory);

    /// <summary>Who the device-code flow signs in, approved automatically (null: nobody; sign-ins are declined).</summary>
    public void SetDeviceCodeAdmin(string? upn) => _s.DeviceCodeAdmin = upn;

    /// <summary>
    /// An HTTP handler that trusts only this emulator's certificate (pinned by hash) and refuses
    /// any non-loopback host, for GraphClientFactory's finalHandler or Azure.Identity's transport.
    /// </summary>
    public HttpMessageHandler CreateHttpHandler()
    {
        var pin = CertificateSha256;
        return new LoopbackOnlyHandler(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    pin is not null && cert is not null
                        && string.Equals(cert.GetCertHashString(HashAlgorithmName.SHA256), pin, StringComparison.OrdinalIgnoreCase),
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
    }

    /// <summary>Completes when the host shuts down (Ctrl+C or SIGTERM in the standalone exe).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
    }

    private sealed class LoopbackOnlyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { IsLoopback: true }
                ? base.SendAsync(request, cancellationToken)
                : throw new HttpRequestException($"Refusing to leave the machine: {request.RequestUri?.Host}");
    }
}
