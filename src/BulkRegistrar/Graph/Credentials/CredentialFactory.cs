using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Graph.Credentials;

/// <summary>
/// The one place a <see cref="TokenCredential"/> is made, from <c>Graph:Auth:Mode</c> (or <c>--auth</c>)
/// and <c>Graph:Cloud</c>. Every mode is an unmodified Azure.Identity credential, so what runs here is
/// what runs against Entra ID; only the authority host and the transport differ for the emulator.
/// </summary>
internal sealed class CredentialFactory(Func<string, string?> env, Func<string, string> resolvePath, Action<string> prompt)
{
    public static CredentialFactory ForProcess(Func<string, string> resolvePath, Action<string> prompt) =>
        new(Environment.GetEnvironmentVariable, resolvePath, prompt);

    /// <param name="route">Set for the emulator: its sign-in host, its TLS handler and its Graph; null for the cloud's own.</param>
    public CredentialPlan Create(GraphOptions options, AuthMode mode, CredentialRoute? route = null)
    {
        var cloud = CloudEndpoints.Find(options.Cloud)
            ?? throw new UsageException($"Graph:Cloud is '{options.Cloud}'; use one of {CloudEndpoints.Names}.");
        var authority = route?.AuthorityHost ?? cloud.AuthorityHost;
        var baseUrl = route?.GraphBaseUrl ?? (string.IsNullOrWhiteSpace(options.BaseUrl) ? cloud.GraphBaseUrl : options.BaseUrl.TrimEnd('/'));
        var tenant = Blank(options.TenantId) ?? route?.TenantId;
        var client = Blank(options.ClientId) ?? route?.ClientId;
        var transport = route?.Handler is { } h ? new HttpClientTransport(h) : null;

        TokenCredential credential = mode switch
        {
            AuthMode.ClientSecret => new ClientSecretCredential(Need(tenant, "TenantId", mode), Need(client, "ClientId", mode),
                Secret(options, route), Options(new ClientSecretCredentialOptions(), authority, transport)),
            AuthMode.Certificate => new ClientCertificateCredential(Need(tenant, "TenantId", mode), Need(client, "ClientId", mode),
                CertificateLoader.Load(options.Auth, env, resolvePath), Options(new ClientCertificateCredentialOptions(), authority, transport)),
            AuthMode.ManagedIdentity => new ManagedIdentityCredential(Options(new ManagedIdentityCredentialOptions(
                Blank(options.Auth.ManagedIdentityClientId) is { } mi ? ManagedIdentityId.FromUserAssignedClientId(mi)
                    : ManagedIdentityId.SystemAssigned), authority, transport)),
            AuthMode.WorkloadIdentity => new WorkloadIdentityCredential(Options(new WorkloadIdentityCredentialOptions
            {
                TenantId = Need(tenant, "TenantId", mode),
                ClientId = Need(client, "ClientId", mode),
                TokenFilePath = TokenFile(options.Auth),
            }, authority, transport)),
            AuthMode.AzureCli => new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenant, AuthorityHost = authority }),
            AuthMode.Default => new DefaultAzureCredential(Options(new DefaultAzureCredentialOptions { TenantId = tenant }, authority, transport)),
            _ => new DeviceCodeCredential(Options(new DeviceCodeCredentialOptions
            {
                TenantId = Need(tenant, "TenantId", mode),
                ClientId = Need(client, "ClientId", mode),
                // The admin at the keyboard reads this line; it holds a one-time code, not a secret of the app.
                DeviceCodeCallback = (code, _) =>
                {
                    prompt(code.Message);
                    return Task.CompletedTask;
                },
            }, authority, transport)),
        };
        return new CredentialPlan(mode, cloud, authority, cloud.Scope, baseUrl, tenant, client, credential);
    }

    private string Secret(GraphOptions options, CredentialRoute? route)
    {
        var secret = env(options.ClientSecretVariable);
        if (string.IsNullOrEmpty(secret))
        {
            secret = route?.DefaultSecret;
        }

        KnownSecrets.Add(secret);
        return string.IsNullOrEmpty(secret)
            ? throw new UsageException($"The client secret is read from the environment variable {options.ClientSecretVariable} "
                + $"(Graph:ClientSecretVariable), which is not set.")
            : secret;
    }

    private string TokenFile(AuthOptions auth)
    {
        var file = Blank(auth.TokenFilePath) is { } f ? resolvePath(f) : env("AZURE_FEDERATED_TOKEN_FILE");
        return string.IsNullOrEmpty(file)
            ? throw new UsageException("Graph:Auth:Mode is WorkloadIdentity, but neither Graph:Auth:TokenFilePath nor AZURE_FEDERATED_TOKEN_FILE "
                + "names the federated token file.")
            : file;
    }

    private static T Options<T>(T options, Uri authority, HttpPipelineTransport? transport)
        where T : TokenCredentialOptions
    {
        options.AuthorityHost = authority;
        if (transport is not null)
        {
            options.Transport = transport;
        }

        // Instance discovery asks the public cloud's metadata endpoint; a national cloud or the emulator is not in it.
        switch (options)
        {
            case ClientSecretCredentialOptions o: o.DisableInstanceDiscovery = true; break;
            case ClientCertificateCredentialOptions o: o.DisableInstanceDiscovery = true; break;
            case WorkloadIdentityCredentialOptions o: o.DisableInstanceDiscovery = true; break;
            case DeviceCodeCredentialOptions o: o.DisableInstanceDiscovery = true; break;
        }

        return options;
    }

    private static string Need(string? value, string key, AuthMode mode) =>
        value ?? throw new UsageException($"Graph:Auth:Mode {mode} needs Graph:{key}: set it in appsettings.json or the --config file.");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Where the emulator takes the sign-in and the Graph calls, and its well-known test app.</summary>
internal sealed record CredentialRoute(Uri AuthorityHost, string GraphBaseUrl, HttpMessageHandler? Handler, string TenantId, string ClientId,
    string? DefaultSecret);
