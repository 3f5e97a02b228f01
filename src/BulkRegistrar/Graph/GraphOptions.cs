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

    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";
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
}
