using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Tap;

/// <summary>Issuing a pass: the pass goes from Graph's 201 to the hand-off file, and a pass the file could not keep is revoked.</summary>
internal sealed partial class TapMethod
{
    /// <summary>
    /// POST temporaryAccessPassMethods: only the members the row set; the rest is the tenant policy's default. The start is
    /// sent in UTC (<c>…Z</c>), so the instant Graph gets is the same whatever this computer's time zone.
    /// </summary>
    public static RequestInformation Create(GraphRequests requests, string id, TapSpec spec) =>
        requests.Client.Users[id].Authentication.TemporaryAccessPassMethods.ToPostRequestInformation(new TemporaryAccessPassAuthenticationMethod
        {
            StartDateTime = spec.Start?.ToUniversalTime(),
            LifetimeInMinutes = spec.LifetimeMinutes,
            IsUsableOnce = spec.UsableOnce,
        });

    private async Task<WriteResult> IssueAsync(WriteContext write, PlannedOperation op)
    {
        var secrets = write.Secrets!;
        if (secrets.NotKeepable() is { } refused)
        {
            return refused;
        }

        var executed = await write.Graph.RunAsync(new GraphCall(Create(write.Requests, write.Id, TapSpec.Parse(op.Value)), IsWrite: true)
        {
            Intent = WriteIntents.For(op, write.Id),
        });
        if (SecretOperations.Unfinished(executed) is { } unfinished)
        {
            return unfinished;
        }

        var r = executed.Result;
        if (!r.IsSuccess)
        {
            return SecretOperations.Ended(executed, Outcome.Failed, r.Status == 400
                ? "Graph refused to issue the pass (the tenant's Temporary Access Pass policy: disabled, the user outside its groups, "
                    + "or settings outside its limits)."
                : "Graph refused to issue the pass.", ErrorCodes.GraphError);
        }

        var (tap, pass) = TapList.ReadIssued(r.Body!);
        Privacy.KnownSecrets.Add(pass);
        if (pass is null || secrets.Handoff is not { } handoff)
        {
            return SecretOperations.Ended(executed, Outcome.Failed,
                "Graph answered 201 without the pass, so nobody has it; run again with --replace-tap to issue a new "
                    + "one.", ErrorCodes.UnexpectedResponse, tap.Id);
        }

        try
        {
            handoff.Write(write.UserPrincipalName, write.Id, Name, pass, tap.Start, tap.End);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await RevokeAsync(write, executed, tap.Id, handoff.Unusable ?? e.Message);
        }

        return SecretOperations.Ended(executed, Outcome.Created,
            $"Issued a Temporary Access Pass ({tap.Describe()}); the pass is in the hand-off "
                + $"file {handoff.NameFor(write.Id, write.UserPrincipalName, Name)} and nowhere else.",
            issuedId: tap.Id);
    }

    /// <summary>A pass issued that the hand-off file could not keep is revoked, so no usable pass exists that nobody holds.</summary>
    private static async Task<WriteResult> RevokeAsync(WriteContext write, ExecutedCall issued, string? tapId, string why)
    {
        var kept = $"The pass was issued, but the hand-off file could not be written ({why}), so nobody has it";
        if (tapId is null)
        {
            return SecretOperations.Ended(issued, Outcome.Failed,
                $"{kept}, and Graph's answer named no pass id to revoke; run again with --replace-tap once the file can be written.",
                ErrorCodes.HandoffUnwritable);
        }

        ExecutedCall revoke;
        try
        {
            var request = write.Requests.Client.Users[write.Id].Authentication.TemporaryAccessPassMethods[tapId].ToDeleteRequestInformation();
            revoke = await write.Graph.RunAsync(new GraphCall(request, IsWrite: true));
        }
        catch (Exception e) when (e is RunAbortedException or OperationCanceledException)
        {
            // The issue is the fact to record, not the stop: this record must still say a pass exists.
            return SecretOperations.Ended(issued, Outcome.Failed,
                $"{kept}, and the run stopped before it could be revoked: the user holds a pass nobody knows. "
                + "Run again with --replace-tap once the file can be written.", ErrorCodes.HandoffUnwritable, tapId);
        }

        return revoke.Result.IsSuccess || revoke.Result.Status == 404
            ? SecretOperations.Ended(issued, Outcome.Failed, $"{kept}; it was revoked (DELETE answered {revoke.Result.Status}), so no usable pass is left. "
                + "Run the file again once the file can be written.", ErrorCodes.HandoffUnwritable, tapId)
            : SecretOperations.Ended(issued, Outcome.Failed,
                $"{kept}, and revoking it failed ({CallResult.Said(revoke.Result)}): the user holds a pass nobody knows. "
                + "Run again with --replace-tap once the file can be written.", ErrorCodes.HandoffUnwritable, tapId);
    }
}
