using Azure.Core;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace BulkRegistrar.Transport;

/// <summary>
/// Checked before the first row is sent: a token can be had, it carries the permissions plan/apply
/// need (the sentence names the missing one), and one cheap GET proves the target answers. A failure
/// is a <see cref="RunAbort"/> of the causes the dispatcher already knows (<see cref="SendFailures"/>,
/// <see cref="GraphAccess"/>), so the rest of the run reports it exactly as a mid-run abort.
/// A full run starts it at once, beside reading the file (its token asked for even earlier,
/// <see cref="EarlyTokenCredential"/>); an incremental or resumed run starts it on the first user that needs
/// Graph, so a nightly in which nothing changed asks nothing. Either way no row is sent before its verdict.
/// </summary>
internal sealed partial class Preflight(GraphTarget target, bool apply, Serilog.ILogger log)
{
    // Directory role template ids that may manage other users' authentication methods (delegated access).
    private static readonly IReadOnlyDictionary<string, string> AdminRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["c4e39bd9-1100-46d3-8c65-fb160da0071f"] = "Authentication Administrator",
        ["7be44c8a-adaf-4e2a-84d6-ab2649e08a13"] = "Privileged Authentication Administrator",
        ["62e90394-69f5-4237-9190-012177145e10"] = "Global Administrator",
    };

    public TokenGrants? Grants { get; private set; }

    /// <returns>Why the run must not send anything, or null.</returns>
    public async Task<RunAbort?> RunAsync(GraphServiceClient graph, CancellationToken ct)
    {
        AccessToken token;
        try
        {
            token = await target.Credential.GetTokenAsync(new TokenRequestContext([target.Scope]), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return SendFailures.Classify(e).ToAbort();
        }

        Grants = TokenGrants.Read(token.Token);
        // The grants, never the token: enough to tell a missing permission from a revoked one.
        log.Information("Pre-flight: access token obtained, valid until {Expires:u}; {Kind} permissions in it: {Grants}", token.ExpiresOn,
            Grants?.Delegated == true ? "delegated" : "application",
            Grants is null ? "(not readable)" : string.Join(", ", (Grants.Delegated ? Grants.Scopes : Grants.Roles).Order(StringComparer.Ordinal)));
        if (Grants is not null && Missing(Grants) is { } missing)
        {
            return new RunAbort(AbortCause.GraphForbidden, missing);
        }

        return await ProbeAsync(graph, ct) ?? await ReadPolicyAsync(graph, ct);
    }

    private string? Missing(TokenGrants grants)
    {
        var access = new GraphAccess(Task.FromResult<IReadOnlySet<string>?>(null), apply);
        var kind = grants.Delegated ? "delegated" : "application";
        var lacking = access.Missing(grants.Delegated ? grants.Scopes : grants.Roles);
        if (lacking.Count > 0)
        {
            var has = grants.Delegated ? grants.Scopes : grants.Roles;
            var granted = has.Count == 0 ? "none" : string.Join(", ", has.Order(StringComparer.Ordinal));
            return $"Pre-flight: the app's access token lacks the {kind} permission {string.Join(" and ", lacking)} (it grants {granted}); nothing was sent. "
                + $"Grant it in Entra ID (App registrations → API permissions → Microsoft Graph → {(grants.Delegated ? "Delegated" : "Application")} "
                + "permissions) with admin consent, then run again.";
        }

        // Delegated access to other users' methods also needs the signed-in admin to hold an authentication admin role.
        if (grants.Delegated && grants.DirectoryRoles is { } wids && !wids.Any(AdminRoles.ContainsKey))
        {
            return "Pre-flight: the signed-in account holds no Authentication Administrator (or Privileged Authentication Administrator) role, "
                + "which Graph requires to manage other users' authentication methods; nothing was sent. "
                + "Sign in with an account that holds it, or use an application mode.";
        }

        return null;
    }

    /// <summary>GET /users?$top=1&amp;$select=id: one cheap call that proves the target answers and accepts the token.</summary>
    private async Task<RunAbort?> ProbeAsync(GraphServiceClient graph, CancellationToken ct)
    {
        try
        {
            await graph.Users.GetAsync(r =>
            {
                r.QueryParameters.Top = 1;
                r.QueryParameters.Select = ["id"];
            }, ct);
            log.Information("Pre-flight: {Target} answered", target.Description);
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 401)
        {
            return new RunAbort(AbortCause.GraphUnauthorized, $"Pre-flight: Graph answered 401 {e.Error?.Code} to GET /users: it did not accept "
                + "the app's access token (expired, revoked, or issued for another tenant or cloud — check Graph:Cloud). Nothing was sent.");
        }
        catch (ODataError e) when (e.ResponseStatusCode == 403)
        {
            return new RunAbort(AbortCause.GraphForbidden, $"Pre-flight: Graph answered 403 {e.Error?.Code} to GET /users, which needs {GraphAccess.UserRead}; "
                + "nothing was sent. Grant it with admin consent, then run again.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failure = e is ODataError o
                ? new SendFailure(SendFailureKind.NoAnswer, $"HTTP {o.ResponseStatusCode} {o.Error?.Code}")
                : SendFailures.Classify(e);
            if (failure.NothingSent)
            {
                return failure.ToAbort();
            }

            // A 5xx or a lost answer is what the dispatcher's retries are for; the run goes on and meets it there.
            log.Warning("Pre-flight: GET /users got no clear answer ({Failure}); the run goes on", failure.Message);
            return null;
        }
    }
}
