using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The resolve stage: looks the user up by the file's UPN (object id, UPN, usageLocation) and gives the
/// numbers written without a country code — and no region in the row or on the command line — the user's
/// usageLocation as their region. Later requests address the user by object id, which sidesteps the SDK's
/// batch URL escaping of <c>#EXT#</c> and <c>$</c> UPNs (docs/sdk-notes.md §2).
/// </summary>
internal sealed class UserResolver(GraphExecutor graph, GraphRequests requests, PhoneNormalizer phones)
{
    public async Task<(ResolvedUser? User, UserFailure? Failure)> ResolveAsync(DesiredState desired, IReadOnlyList<PendingRegion> pending)
    {
        var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(desired.User), IsWrite: false));
        if (lookup.Result.Status == 404)
        {
            return (null, new UserFailure(Outcome.NotFound, ErrorCodes.NotFound, "No user with this name exists in the tenant; check the UPN (or create the account first).", lookup));
        }

        if (!lookup.Result.IsSuccess)
        {
            return (null, new UserFailure(Outcome.Failed, ErrorCodes.GraphError, "Looking the user up failed.", lookup));
        }

        var user = GraphJson.ReadUser(lookup.Result.Body!);
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
