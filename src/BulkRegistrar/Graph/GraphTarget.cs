using Azure.Core;

namespace BulkRegistrar.Graph;

/// <summary>
/// Where a run sends its Graph calls: the tenant of <c>appsettings.json</c>, the in-process
/// emulator, or a standalone emulator. Reports and the console banner name it.
/// </summary>
/// <param name="Description">What the banner and summary.json say, e.g. "tenant 0b5a… (app 5d3c…)".</param>
/// <param name="GraphBaseUrl">Graph root including <c>/v1.0</c> (the SDK's batch code needs exactly that path).</param>
/// <param name="AllowedHosts">Hosts the SDK may send the token to; any other host gets no Authorization header.</param>
/// <param name="FinalHandler">The socket handler (e.g. one that pins the emulator's certificate); null for the default.</param>
/// <param name="TimeCompression">The emulator's k: budgets run k times faster (1 for a real tenant).</param>
internal sealed record GraphTarget(
    string Kind,
    string Description,
    string GraphBaseUrl,
    TokenCredential Credential,
    string[] AllowedHosts,
    HttpMessageHandler? FinalHandler,
    double TimeCompression = 1,
    Credentials.CredentialPlan? Identity = null)
{
    /// <summary>A standalone emulator's <c>directoryId</c>: which of its directories (start, reset, reseed) this run met; the state store's key.</summary>
    public string? DirectoryId { get; init; }

    /// <summary>The scope tokens are asked for: this cloud's Graph.</summary>
    public string Scope => Identity?.Scope ?? GraphScope;

    public const string GraphScope = "https://graph.microsoft.com/.default";
}
