using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>
/// One token's writes, in the order Graph needs them: the inventory read by serial (who holds it, if it is there), then a create with
/// <c>assignTo</c> or an assignment, then the activation with the code the secret key gives now. Every write re-reads before it is sent
/// again after a lost answer, so a token is never created or assigned twice; a token another user holds ends as <c>Conflict</c>
/// before anything is sent. A code refused as wrong is computed once more and sent again (a throttled request may arrive a step late).
/// </summary>
internal sealed class OathWrite(WriteContext write, PlannedOperation op)
{
    private readonly OathSpec _spec = OathSpec.Parse(op.Value);
    private readonly string? _secret = op.For.Secret;

    public async Task<WriteResult> RunAsync()
    {
        if (op.Kind == HardwareOathMethod.Activate)
        {
            var held = OathList.Held(write.Current, _spec.Serial)!;
            return await ActivateAsync(held, null);
        }

        var look = await Run(OathRequests.BySerial(write.Requests, _spec.Serial), isWrite: false);
        if (SecretOperations.Unfinished(look) is { } unfinished)
        {
            return unfinished;
        }

        if (!look.Result.IsSuccess)
        {
            return Failed(look, "The tenant's hardware OATH inventory could not be read.", ErrorCodes.GraphError);
        }

        var device = OathList.Devices(look.Result.Body!).FirstOrDefault(t => t.Is(_spec.Serial));
        if (device?.HolderId is { } holder && !string.Equals(holder, write.Id, StringComparison.OrdinalIgnoreCase))
        {
            return new WriteResult(look, Outcome.Conflict, $"The hardware OATH token {_spec.Serial} is assigned to another user "
                + $"({device.HolderName ?? holder}); it was not taken from them.", ErrorCodes.OathTokenAssignedElsewhere);
        }

        if (device?.HolderId is not null)
        {
            // The user holds it already (assigned since the user's tokens were read): activate it if it needs it.
            return device.Activated || !_spec.Activate
                ? new WriteResult(look, Outcome.Unchanged, $"The user already holds the hardware OATH token {device.Describe()}.")
                : await ActivateAsync(device, null);
        }

        if (device is null && _secret is null)
        {
            return new WriteResult(look, Outcome.Failed, $"The hardware OATH token {_spec.Serial} is not in the tenant's inventory, and the file gives "
                + "no secret key to create it with.", ErrorCodes.InvalidOathToken);
        }

        var assigned = device is null
            ? await Run(OathRequests.Create(write.Requests, _spec, _secret!, write.Id), isWrite: true)
            : await Run(OathRequests.Assign(write.Requests, write.Id, device.Id), isWrite: true);
        if (SecretOperations.Unfinished(assigned) is { } notAssigned)
        {
            return notAssigned;
        }

        var r = assigned.Result;
        var id = device?.Id ?? (r.IsSuccess && OathList.Devices(r.Body ?? "{}") is [var created, ..] ? created.Id : null) ?? (await HeldAsync())?.Id;
        if (!r.IsSuccess || id is null)
        {
            return Failed(assigned, device is null ? "Graph refused to create the token in the inventory for this user."
                : "Graph refused to assign the token from the inventory.", ErrorCodes.GraphError);
        }

        var done = device is null ? "created in the tenant's inventory and assigned to the user" : "assigned to the user from the tenant's inventory";
        if (!_spec.Activate)
        {
            return new WriteResult(assigned, Outcome.Created, $"The hardware OATH token {_spec.Serial} was {done}; not activated "
                + (_secret is null ? "(the file gives no secret key)." : "(--oath-no-activate): the user activates it with a code."));
        }

        return await ActivateAsync(device ?? new OathToken(id, _spec.Serial, null, write.Id, null), done);
    }

    /// <param name="assigned">What this run did before (the sentence's start), or null when the user held the token already.</param>
    private async Task<WriteResult> ActivateAsync(OathToken token, string? assigned)
    {
        var activated = await SendCodeAsync(token);
        if (activated.Result.Status == 400 && await HeldAsync() is { Activated: false })
        {
            activated = await SendCodeAsync(token); // the code may have been a step old by the time it arrived: once more, fresh
        }

        var then = assigned is null ? "" : $"was {assigned}, but ";
        if (SecretOperations.Unfinished(activated) is { } unfinished)
        {
            return assigned is null ? unfinished : unfinished with { Outcome = Outcome.Failed, Message = $"The token {then}{unfinished.Message}" };
        }

        if (!activated.Result.IsSuccess)
        {
            return Failed(activated, $"The hardware OATH token {_spec.Serial} {then}Graph refused its activation with the code from the file's "
                + "secret key (check the key, interval and hash); a rerun activates it.", ErrorCodes.OathActivationFailed);
        }

        return assigned is null
            ? new WriteResult(activated, Outcome.Updated, $"The hardware OATH token {_spec.Serial} the user held (assigned) was activated.")
            : new WriteResult(activated, Outcome.Created, $"The hardware OATH token {_spec.Serial} was {assigned}, and activated.");
    }

    /// <summary>The code from the file's key, with the interval and hash the inventory holds for the token (the file's when it was just created).</summary>
    private Task<ExecutedCall> SendCodeAsync(OathToken token)
    {
        var code = OathCode.Current(_secret!, token.Interval ?? _spec.Interval, token.Hash ?? _spec.Hash, write.Secrets!.Time.GetUtcNow());
        return Run(OathRequests.Activate(write.Requests, write.Id, token.Id, code), isWrite: true, activation: true);
    }

    /// <summary>A write re-reads the user's tokens before it is sent again after a lost answer: if they show it done, it is not sent twice.</summary>
    private Task<ExecutedCall> Run(Microsoft.Kiota.Abstractions.RequestInformation request, bool isWrite, bool activation = false) =>
        write.Graph.RunAsync(new GraphCall(request, isWrite) { Intent = isWrite ? WriteIntents.For(op, write.Id) : null },
            isWrite ? async () => await HeldAsync() is { } t && (t.Activated || !activation) ? new CallResult(200, null, null, null, null) : null : null);

    /// <summary>The token as the user's list shows it now, or null (not held, or the read failed).</summary>
    private async Task<OathToken?> HeldAsync()
    {
        var read = await write.Graph.RunAsync(new GraphCall(OathList.Instance.Request(write.Requests, write.Id), IsWrite: false));
        return read.Result.IsSuccess ? OathList.Instance.Read(read.Result.Body!)?.FirstOrDefault(t => t.Is(_spec.Serial)) : null;
    }

    private static WriteResult Failed(ExecutedCall call, string message, string error) =>
        new(call, Outcome.Failed, $"{message} {CallResult.Said(call.Result)}", error) { GraphError = call.Result.Error.Code };
}
