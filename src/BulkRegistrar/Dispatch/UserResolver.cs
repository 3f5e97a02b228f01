using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The resolve stage: looks the user up by the file's UPN, or by its object id when the row gives one beside
/// the UPN (then the UPN read back must be the row's: else ObjectIdMismatch), and gives the
/// numbers written without a country code — and no region in the row or on the command line — the user's
/// usageLocation as their region. Later requests address the user by object id, which sidesteps the SDK's
/// batch URL escaping of <c>#EXT#</c> and <c>$</c> UPNs (docs/sdk-notes.md §2).
/// </summary>
internal sealed class UserResolver(GraphExecutor graph, GraphRequests requests, PhoneNormalizer phones)
{
    public async Task<(ResolvedUser? User, UserFailure? Failure)> ResolveAsync(DesiredState desired, IReadOnlyList<PendingRegion> pending)
    {
        // The file's object id addresses the user; its UPN names them, and must name the same user (read with the lookup).
        var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(desired.ObjectId ?? desired.User), IsWrite: false));
        if (lookup.Result.Status == 404)
        {
            return (null, new UserFailure(Outcome.NotFound, ErrorCodes.NotFound, desired.ObjectId is null
                ? "No user with this name exists in the tenant; check the UPN (or create the account first)."
                : $"No user with the object id {desired.ObjectId} exists in the tenant; check the object id (or clear it to look the user up by the UPN).", lookup));
        }

        if (!lookup.Result.IsSuccess)
        {
            return (null, new UserFailure(Outcome.Failed, ErrorCodes.GraphError, "Looking the user up failed.", lookup));
        }

        var user = GraphJson.ReadUser(lookup.Result.Body!);
        if (desired.ObjectId is not null && !string.Equals(user.UserPrincipalName, desired.User, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new UserFailure(Outcome.Invalid, ErrorCodes.ObjectIdMismatch,
                $"The object id {desired.ObjectId} belongs to {user.UserPrincipalName}, not to {desired.User}; correct the UPN or the object id on this row. Nothing was changed.", lookup));
        }

        var (resolved, settled) = ResolveRegions(desired, pending, user.UsageLocation, phones);
        return (new ResolvedUser(user.Id, user.UserPrincipalName, user.UsageLocation, resolved, settled), null);
    }

    /// <summary>
    /// The pending numbers normalized with <paramref name="usageLocation"/> as their region: the valid ones join the
    /// desired state, the others keep their validation record with why (no usageLocation, or still not a number).
    /// </summary>
    public static (DesiredState Desired, IReadOnlyList<AuditRecord> Settled) ResolveRegions(DesiredState desired, IReadOnlyList<PendingRegion> pending,
        string? usageLocation, PhoneNormalizer phones)
    {
        if (pending.Count == 0)
        {
            return (desired, []);
        }

        var methods = desired.Methods.ToList();
        var settled = new List<AuditRecord>();
        foreach (var p in pending)
        {
            if (usageLocation is null)
            {
                var unresolved = ValidationRecords.Of(p.Cell);
                settled.Add(unresolved with { Message = unresolved.Message + " The user has no usageLocation in Entra ID either." });
                continue;
            }

            var result = phones.Normalize(p.Method.Input!, usageLocation, p.Method.Method);
            if (result.IsValid)
            {
                methods.Add(p.Method with { Value = result.Value, Warning = result.Warning });
            }
            else
            {
                settled.Add(ValidationRecords.Of(p.Cell) with { Normalized = null, Error = result.Error, Message = $"{result.Message} (Region {usageLocation} is the user's usageLocation.)" });
            }
        }

        return (desired with { Methods = methods }, settled);
    }
}
