using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.Reregister;

/// <summary>
/// The second half of <c>reregister</c>: <c>POST /users/{id}/revokeSignInSessions</c> after the user's methods are deleted, so every
/// refresh token and session cookie is void and the user signs in — and registers — again (docs/graph-behaviour.md §13.3). One record
/// (<c>signInSessions</c>, <c>Updated</c>). Sent after the deletions whatever they came to: an incident wants the sessions gone even when
/// a method could not be deleted. Needs <c>User.RevokeSessions.All</c> (or a directory write permission). Never reverted.
/// </summary>
internal sealed class SignInSessionsMethod() : AuthMethod(MethodKind.SignInSessions, "signInSessions")
{
    public static SignInSessionsMethod Instance { get; } = new();

    public static OperationKind Revoke { get; } = OperationKind.Define("RevokeSessions", Outcome.WouldUpdate, Outcome.Updated);

    public override string Noun => "the user's sign-in sessions";

    public override MethodCheck? Check(RowCells row) => row.Action == RowAction.Reregister ? new MethodCheck(Kind, row.Row.Action, null) : null;

    /// <summary>After the reregistration's deletions (150), before any registration.</summary>
    public override int PlanOrder(DesiredMethod want) => 190;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        if (want.Action == RowAction.Reregister)
        {
            plan.Write(want, Revoke, null);
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current) =>
        "Would revoke the user's sign-in sessions: every app and device asks them to sign in again.";

    public override async Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op)
    {
        var request = write.Requests.Client.Users[write.Id].RevokeSignInSessions.ToPostRequestInformation();
        var executed = await write.Graph.RunAsync(new GraphCall(request, IsWrite: true) { Intent = WriteIntents.For(op, write.Id) });
        var r = executed.Result;
        if (executed.Ended is { } ended)
        {
            return ended.MayHaveLanded
                ? new(executed, Outcome.Failed, $"Sent, but no clear answer came back before {ended.Why}. {WriteOperation.MayHaveLanded}",
                    ErrorCodes.OutcomeUnknown) { HideStatus = true }
                : new(executed, Outcome.Skipped, $"Not applied: Graph answered {r.Status} (the request was not run), and {ended.Why} before the retry.",
                    ended.Error);
        }

        // Revoking twice is harmless, so an answer lost on the way is simply sent again by the executor's retry.
        return r.IsSuccess
            ? new(executed, Outcome.Updated, "Revoked the user's sign-in sessions: every app and device asks them to sign in again.")
            : new(executed, Outcome.Failed, $"Graph refused to revoke the sessions. {CallResult.Said(r)}", ErrorCodes.GraphError)
            {
                GraphError = r.Error.Code,
            };
    }

    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous) => outcome == Outcome.Updated
        ? new RevertStep(line, user, Kind, UndoKind.Restore, value, previous, 0)
        {
            Unrestorable = "Not reverted: revoked sessions cannot be given back; the user signs in again.",
        }
        : null;
}
