using Azure.Core;

namespace BulkRegistrar.Graph.Credentials;

/// <summary>
/// How a run signs in and where it goes: the credential, the sign-in host it asks, the scope it asks
/// for and the Graph it then calls. The banner and summary.json show everything here but the credential.
/// </summary>
internal sealed record CredentialPlan(
    AuthMode Mode,
    CloudEndpoints Cloud,
    Uri AuthorityHost,
    string Scope,
    string GraphBaseUrl,
    string? TenantId,
    string? ClientId,
    TokenCredential Credential)
{
    /// <summary>What the banner, run.log and summary.json say about the identity; no secret, no token.</summary>
    public Audit.IdentitySummary Describe() => new(TenantId, ClientId, Mode.ToString(), Cloud.Name);
}
