namespace BulkRegistrar.Graph;

/// <summary>
/// <c>Graph</c> section: the tenant and app registration of real runs. No secret here: the client
/// secret is read from the environment variable named by <see cref="ClientSecretVariable"/>.
/// </summary>
internal sealed class GraphOptions
{
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string ClientSecretVariable { get; set; } = "BULKREGISTRAR_CLIENT_SECRET";

    /// <summary>Global, USGov, USGovDoD or China: the sign-in host and the Graph host of that cloud.</summary>
    public string Cloud { get; set; } = "Global";

    /// <summary>Graph root with /v1.0; empty: the cloud's own (https://graph.microsoft.com/v1.0 for Global).</summary>
    public string? BaseUrl { get; set; }

    public Credentials.AuthOptions Auth { get; set; } = new();

    public IReadOnlyList<string> Validate()
    {
        if (Credentials.CloudEndpoints.Find(Cloud) is null)
        {
            return [$"Graph:Cloud is '{Cloud}'; use one of {Credentials.CloudEndpoints.Names}"];
        }

        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            return [];
        }

        // The SDK's batch code cuts the first five characters ("/v1.0") off each step's path, so the
        // base URL must be an https origin followed by exactly /v1.0 (docs/graph-behaviour.md, batching).
        if (!Uri.TryCreate(BaseUrl?.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || uri.AbsolutePath != "/v1.0" || uri.Query.Length > 0)
        {
            return [$"Graph:BaseUrl is '{BaseUrl}'; it must be an https URL ending in /v1.0, such as https://graph.microsoft.com/v1.0"];
        }

        return [];
    }
}

/// <summary>
/// <c>Emulator</c> section: how <c>--emulator</c> starts the built-in Graph emulator, and the time
/// compression assumed for <c>--emulator-url</c>.
/// </summary>
internal sealed class EmulatorOptions
{
    /// <summary>Directory seed; default: the copy of samples/directory.json beside the executable.</summary>
    public string? SeedPath { get; set; }

    /// <summary>k: the emulator's budgets refill k times faster, so a demo of thousands of rows takes seconds.</summary>
    public double TimeCompression { get; set; } = 50;

    public string ThrottlingProfile { get; set; } = "entra-L";

    public string FaultProfile { get; set; } = "realistic";

    public string LatencyProfile { get; set; } = "realistic";

    public int FaultSeed { get; set; } = 1;

    /// <summary>The client secret <c>--emulator-url</c> presents; default: the emulator's well-known test app secret (not a credential).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The options the built-in emulator would start with; checked by the emulator's own resolvers.</summary>
    public GraphEmulator.GraphEmulatorOptions ToHostOptions(string seedPath) => new()
    {
        SeedPath = seedPath,
        UseHttps = true,
        ThrottlingProfile = ThrottlingProfile,
        TimeCompression = TimeCompression,
        FaultProfile = FaultProfile,
        LatencyProfile = LatencyProfile,
        FaultSeed = FaultSeed,
    };

    public IReadOnlyList<string> Validate() =>
        GraphEmulator.OptionsCheck.Problems(ToHostOptions(SeedPath ?? "")).Select(p => "Emulator:" + p).ToList();
}
