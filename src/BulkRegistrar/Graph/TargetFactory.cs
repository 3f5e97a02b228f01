using System.Net;
using Azure.Core.Pipeline;
using Azure.Identity;
using BulkRegistrar.Cli;
using GraphEmulator;

namespace BulkRegistrar.Graph;

/// <summary>
/// Builds the run's <see cref="GraphTarget"/>. Every kind authenticates through Azure.Identity's
/// <see cref="ClientSecretCredential"/> — against the emulator too (its token endpoint is HTTPS with
/// a certificate pinned by hash), so the path a real tenant takes is the one the demo exercises.
/// </summary>
internal static class TargetFactory
{
    public static async Task<(GraphTarget Target, RunningEmulator Emulator)> StartEmulatorAsync(EmulatorOptions options, CancellationToken ct)
    {
        var seed = options.SeedPath ?? Path.Combine(AppContext.BaseDirectory, "emulator", "directory.json");
        if (!File.Exists(seed))
        {
            throw new UsageException($"The emulator's directory seed '{seed}' does not exist (Emulator:SeedPath).");
        }

        var emulator = await GraphEmulatorHost.StartAsync(options.ToHostOptions(seed), ct);
        var credential = new ClientSecretCredential(emulator.TenantId, emulator.ClientId, emulator.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        });
        var description = $"built-in Graph emulator at {emulator.BaseUrl} (k={options.TimeCompression}, faults {options.FaultProfile}, throttling {options.ThrottlingProfile})";
        return (new GraphTarget("emulator", description, emulator.GraphBaseUrl, credential, [emulator.BaseUrl.Host], emulator.CreateHttpHandler(), options.TimeCompression), emulator);
    }

    /// <summary>
    /// A standalone emulator (<c>dotnet run --project src/GraphEmulator</c>), loopback only. Its time
    /// compression k is read from the emulator itself (<c>/_emulator/config</c>), never assumed from a
    /// second setting that could disagree; the same GET proves the emulator answers before anything starts.
    /// </summary>
    public static async Task<GraphTarget> ForEmulatorUrlAsync(string url, EmulatorOptions options, CancellationToken ct)
    {
        if (!Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"--emulator-url '{url}' must be an https URL such as https://127.0.0.1:5443 (the token endpoint needs TLS).");
        }

        if (!IsLoopback(uri))
        {
            throw new UsageException($"--emulator-url '{url}' is not a loopback address; the emulator only runs on this machine (127.0.0.1).");
        }

        // The standalone emulator makes its certificate at start-up; trusting it is safe only because the host is loopback.
        HttpMessageHandler Handler() => new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        var learned = await EmulatorClock.ReadTimeCompressionAsync(uri, Handler(), ct);
        var k = learned ?? options.TimeCompression;
        var credential = new ClientSecretCredential(EmulatorClientApp.DefaultTenantId, EmulatorClientApp.DefaultClientId, options.ClientSecret ?? EmulatorClientApp.DefaultClientSecret,
            new ClientSecretCredentialOptions { AuthorityHost = uri, DisableInstanceDiscovery = true, Transport = new HttpClientTransport(Handler()) });
        return new GraphTarget("emulator-url", $"Graph emulator at {uri} (k={k.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {(learned is null ? "assumed: the emulator did not answer" : "read from the emulator")})", $"{uri.GetLeftPart(UriPartial.Authority)}/v1.0",
            credential, [uri.Host], Handler(), k);
    }

    /// <summary>
    /// The same emulator target, signed in to as an administrator through the device-code flow: the unmodified
    /// <see cref="DeviceCodeCredential"/> asks the emulator's <c>/devicecode</c> endpoint for a code, shows its
    /// message, and polls <c>/token</c> until the sign-in is approved (the emulator approves its configured admin).
    /// The token is delegated (<c>scp</c>, the admin's directory role), which resetPassword requires.
    /// </summary>
    public static GraphTarget WithDeviceCode(GraphTarget target, RunningEmulator? emulator, Action<string> show)
    {
        var authority = emulator?.BaseUrl ?? new Uri(target.GraphBaseUrl[..^"/v1.0".Length] + "/");
        HttpMessageHandler handler = emulator?.CreateHttpHandler() ?? new SocketsHttpHandler
        {
            // Loopback only (checked for --emulator-url), as for the app's own credential.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        var credential = new DeviceCodeCredential(new DeviceCodeCredentialOptions
        {
            TenantId = emulator?.TenantId ?? EmulatorClientApp.DefaultTenantId,
            ClientId = emulator?.ClientId ?? EmulatorClientApp.DefaultClientId,
            AuthorityHost = authority,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(handler),
            DeviceCodeCallback = (code, _) =>
            {
                show(code.Message);
                return Task.CompletedTask;
            },
        });
        return target with { Credential = credential, Description = target.Description + ", delegated sign-in (device code)" };
    }

    public static GraphTarget ForTenant(GraphOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.ClientId))
        {
            throw new UsageException("No target: set Graph:TenantId and Graph:ClientId in appsettings.json (or --config), or run against the built-in emulator with --emulator.");
        }

        var secret = Environment.GetEnvironmentVariable(options.ClientSecretVariable);
        if (string.IsNullOrEmpty(secret))
        {
            throw new UsageException($"The client secret is read from the environment variable {options.ClientSecretVariable} (Graph:ClientSecretVariable), which is not set.");
        }

        var credential = new ClientSecretCredential(options.TenantId, options.ClientId, secret);
        var host = new Uri(options.BaseUrl).Host;
        return new GraphTarget("tenant", $"tenant {options.TenantId} (app {options.ClientId})", options.BaseUrl.TrimEnd('/'), credential, [host], null);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
