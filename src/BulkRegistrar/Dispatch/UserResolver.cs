using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The resolve stage: looks the user up by the file's UPN (object id, UPN, usageLocation). Later requests address the user
/// by object id, which sidesteps the SDK's batch URL escaping of <c>#EXT#</c> and <c>$</c> UPNs (docs/sdk-notes.md §2). The
/// usageLocation goes back to validation, which judges the numbers that waited for a region with it.
/// </summary>
internal sealed class UserResolver(GraphExecutor graph, GraphRequests requests)
{
    public async Task<(ResolvedUser? User, UserFailure? Failure)> ResolveAsync(string user)
    {
        var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(user), IsWrite: false));
        if (lookup.Result.Status == 404)
        {
            return (null, new UserFailure(Outcome.NotFound, ErrorCodes.NotFound,
                "No user with this name exists in the tenant; check the UPN (or create the account first).", lookup));
        }

        if (!lookup.Result.IsSuccess)
        {
            return (null, new UserFailure(Outcome.Failed, ErrorCodes.GraphError, "Looking the user up failed.", lookup));
        }

        var found = GraphJson.ReadUser(lookup.Result.Body!);
        return (new ResolvedUser(found.Id, found.UserPrincipalName, found.UsageLocation), null);
    }
}
