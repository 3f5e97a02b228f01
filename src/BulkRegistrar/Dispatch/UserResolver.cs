using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The resolve stage: looks the user up by the file's UPN, or by its object id when the row gives one beside the UPN (then
/// the UPN read back must be the row's: else ObjectIdMismatch), and gives back the object id, UPN and usageLocation. Later
/// requests address the user by object id, which sidesteps the SDK's batch URL escaping of <c>#EXT#</c> and <c>$</c> UPNs
/// (docs/sdk-notes.md §2). The usageLocation goes back to validation, which judges the numbers that waited for a region with it.
/// </summary>
/// <param name="withManager">--handoff-by manager: the lookup also reads the user's manager (<c>$expand</c>, no request of its own).</param>
/// <param name="newUsers">Dispatch:NewUserWindow: how long a 404 is looked up again before the user is NotFound (null: not at all).</param>
internal sealed class UserResolver(GraphExecutor graph, GraphRequests requests, bool withManager = false, NewUserWindow? newUsers = null)
{
    /// <param name="parked">Called when the user starts waiting for the directory to show them (<see cref="NewUserWindow"/>).</param>
    public async Task<(ResolvedUser? User, UserFailure? Failure)> ResolveAsync(DesiredState desired, Action? parked = null)
    {
        // The file's object id addresses the user; its UPN names them, and must name the same user (read with the lookup).
        var request = () => requests.GetUser(desired.ObjectId ?? desired.User, withManager);
        var lookup = await graph.RunAsync(new GraphCall(request(), IsWrite: false));
        var waited = TimeSpan.Zero;
        if (lookup.Result.Status == 404 && newUsers is not null)
        {
            (_, waited) = await newUsers.WaitForAsync(async () =>
            {
                lookup = await graph.RunAsync(new GraphCall(request(), IsWrite: false));
                return lookup.Result.Status != 404;
            }, parked);
        }

        if (lookup.Result.Status == 404)
        {
            var rechecked = waited > TimeSpan.Zero
                ? $" It was looked up again for {NewUserWindow.Say(waited)} (Dispatch:NewUserWindow), in case it had just been created."
                : "";
            return (null, new UserFailure(Outcome.NotFound, ErrorCodes.NotFound, (desired.ObjectId is null
                ? "No user with this name exists in the tenant; check the UPN (or create the account first)."
                : $"No user with the object id {desired.ObjectId} exists in the tenant; check the object id (or clear it to look the user up by the UPN).")
                + rechecked, lookup));
        }

        if (!lookup.Result.IsSuccess)
        {
            return (null, new UserFailure(Outcome.Failed, ErrorCodes.GraphError, "Looking the user up failed.", lookup));
        }

        var found = GraphJson.ReadUser(lookup.Result.Body!);
        if (desired.ObjectId is not null && !string.Equals(found.UserPrincipalName, desired.User, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new UserFailure(Outcome.Invalid, ErrorCodes.ObjectIdMismatch,
                $"The object id {desired.ObjectId} belongs to {found.UserPrincipalName}, not to {desired.User}; " +
                "correct the UPN or the object id on this row. Nothing was changed.", lookup));
        }

        return (new ResolvedUser(found.Id, found.UserPrincipalName, found.UsageLocation, found.Manager, found.HireDate, waited), null);
    }
}
