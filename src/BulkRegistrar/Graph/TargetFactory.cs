using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using BulkRegistrar.Graph.Credentials;
using GraphEmulator;

namespace BulkRegistrar.Graph;

/// <summary>
/// Builds the run's <see cref="GraphTarget"/>. Every kind authenticates through Azure.Identity's
/// <see cref="ClientSecretCredential"/> — against the emulator too (its token endpoint is HTTPS with
/// a certificate pinned by hash), so the path a real tenant takes is the one the demo exercises.
/// </summary>
internal static class TargetFactory
{
    /// <summary>The built-in emulator's directory seed, read (and so checked) before a run folder is made.</summary>
    /// <exception cref="UsageException">Missing, a folder, unreadable or not a seed: one sentence naming Emulator:SeedPath.</exception>
    public static (string Path, GraphEmulator.Seed.DirectorySeed Seed) LoadSeed(EmulatorOptions options)
    {
        var path = options.SeedPath ?? Path.Combine(AppContext.BaseDirectory, "emulator", "directory.json");
        if (!File.Exists(path))
        {
            throw new UsageException($"The emulator's directory seed '{path}' "
                + $"{(Directory.Exists(path) ? "is a folder; name its JSON file" : "does not exist")} (Emulator:SeedPath).");
        }

        try
        {
            return (path, GraphEmulator.Seed.DirectorySeed.Load(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UsageException($"The emulator's directory seed '{path}' is not valid JSON (line {e.LineNumber + 1}, byte "
                + $"{e.BytePositionInLine + 1}) (Emulator:SeedPath).");
        }
        catch (InvalidDataException)
        {
            throw new UsageException($"The emulator's directory seed '{path}' is empty (Emulator:SeedPath).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The emulator's directory seed '{path}' cannot be read ({IoReason.Of(e)}) (Emulator:SeedPath).");
        }
    }

    /// <param name="adjust">Tests: host options the <c>Emulator</c> section does not carry (a strict profile without random faults).</param>
    public static async Task<(GraphTarget Target, RunningEmulator Emulator)> StartEmulatorAsync(EmulatorOptions options, CancellationToken ct,
        Action<GraphEmulator.GraphEmulatorOptions>? adjust = null)
    {
        var (seedPath, seed) = LoadSeed(options);
        var host = options.ToHostOptions(seedPath);
        host.Seed = seed;
        adjust?.Invoke(host);
        var emulator = await GraphEmulatorHost.StartAsync(host, ct);
        var credential = new ClientSecretCredential(emulator.TenantId, emulator.ClientId, emulator.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        });
        var description = $"built-in Graph emulator at {emulator.BaseUrl} (k={options.TimeCompression}, faults {options.FaultProfile}, throttling "
            + $"{options.ThrottlingProfile})";
        var identity = new CredentialPlan(AuthMode.ClientSecret, CloudEndpoints.All[0], emulator.BaseUrl, GraphTarget.GraphScope,
            emulator.GraphBaseUrl, emulator.TenantId, emulator.ClientId, credential);
        return (new GraphTarget("emulator", description, emulator.GraphBaseUrl, credential, [emulator.BaseUrl.Host], emulator.CreateHttpHandler(),
            options.TimeCompression, identity), emulator);
    }

    /// <summary>
    /// A standalone emulator (<c>dotnet run --project src/GraphEmulator</c>), loopback only. Its time
    /// compression k is read from the emulator itself (<c>/_emulator/config</c>), never assumed from a
    /// second setting that could disagree; the same GET proves the emulator answers before anything starts.
    /// </summary>
    public static async Task<GraphTarget> ForEmulatorUrlAsync(string url, EmulatorOptions options, CancellationToken ct,
        GraphOptions? graph = null, CredentialFactory? factory = null, AuthMode? mode = null)
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
        var graphBase = $"{uri.GetLeftPart(UriPartial.Authority)}/v1.0";
        CredentialPlan? identity = null;
        TokenCredential credential;
        if (mode is null)
        {
            credential = new ClientSecretCredential(EmulatorClientApp.DefaultTenantId, EmulatorClientApp.DefaultClientId,
                options.ClientSecret ?? EmulatorClientApp.DefaultClientSecret,
                new ClientSecretCredentialOptions { AuthorityHost = uri, DisableInstanceDiscovery = true, Transport = new HttpClientTransport(Handler()) });
        }
        else
        {
            // --auth given: that mode against the emulator (a client secret then comes from Graph:ClientSecretVariable, as for a tenant): the same
            // Azure.Identity credential a tenant gets, its authority the emulator.
            var route = new CredentialRoute(uri, graphBase, Handler(), EmulatorClientApp.DefaultTenantId, EmulatorClientApp.DefaultClientId,
                options.ClientSecret);
            identity = (factory ?? Default()).Create(graph ?? new GraphOptions(), mode.Value, route);
            credential = identity.Credential;
        }

        var config = await EmulatorClock.ReadConfigAsync(uri, Handler(), ct);
        var learned = config?.TimeCompression;
        var k = learned ?? options.TimeCompression;
        identity ??= new CredentialPlan(AuthMode.ClientSecret, CloudEndpoints.All[0], uri, GraphTarget.GraphScope, graphBase,
            EmulatorClientApp.DefaultTenantId, EmulatorClientApp.DefaultClientId, credential);
        return new GraphTarget("emulator-url", $"Graph emulator at {uri} (k={k.ToString(System.Globalization.CultureInfo.InvariantCulture)}, "
            + $"{(learned is null ? "assumed: the emulator did not answer" : "read from the emulator")})", graphBase,
            credential, [uri.Host], Handler(), k, identity) { DirectoryId = config?.DirectoryId };
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

    /// <param name="mode">--auth; null: Graph:Auth:Mode.</param>
    public static GraphTarget ForTenant(GraphOptions options, CredentialFactory? factory = null, AuthMode? mode = null)
    {
        if (string.IsNullOrWhiteSpace(options.TenantId)
            || (string.IsNullOrWhiteSpace(options.ClientId) && mode is not AuthMode.ManagedIdentity and not AuthMode.AzureCli and not AuthMode.Default))
        {
            throw new UsageException("No target: set Graph:TenantId and Graph:ClientId in appsettings.json (or --config), or run against the "
                + "built-in emulator with --emulator.");
        }

        var plan = (factory ?? Default()).Create(options, mode ?? AuthModes.Parse(options.Auth.Mode, "Graph:Auth:Mode"));
        var host = new Uri(plan.GraphBaseUrl).Host;
        return new GraphTarget("tenant", $"tenant {options.TenantId} (app {options.ClientId}, {plan.Mode}, {plan.Cloud.Name} cloud)",
            plan.GraphBaseUrl, plan.Credential, [host], null, 1, plan);
    }

    private static CredentialFactory Default() =>
        // a path in the line may hold ESC
        new(Environment.GetEnvironmentVariable, p => Path.GetFullPath(p), line => Console.Error.WriteLine(Audit.ControlText.Escape(line)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
