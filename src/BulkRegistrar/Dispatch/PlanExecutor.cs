using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The execute stage: one user's planned writes, in the planner's order and one after another (so mobile
/// lands before its alternate and SMS sign-in, without <c>dependsOn</c> and its 424 cascades, and every write
/// keeps its own retry). A write that needs the mobile is not sent when the mobile's write failed or its fate
/// is unknown; none is sent past <c>--max-changes</c>. An enable is read back until the mobile shows ready,
/// and with --verify every successful write is re-read at the end.
/// </summary>
internal sealed class PlanExecutor(GraphExecutor graph, GraphRequests requests, ChangeBudget changes, ApplyExtras? extras = null)
{
    private readonly ApplyExtras _extras = extras ?? ApplyExtras.None;

    /// <param name="writeFirst">The plan is a guess made without reading (<see cref="WriteFirstPolicy"/>): the first create Graph refuses
    /// gets no record and ends the guess, and the caller reads and plans what is still open.</param>
    /// <returns>True when a write-first create was refused (its change given back to --max-changes, the writes after it not sent).</returns>
    public async Task<bool> ExecuteAsync(ResolvedUser user, UserPlan plan, CurrentMethods current, UserRecords records, bool writeFirst = false)
    {
        var refused = false;
        var desired = user.Desired;
        var written = new List<Verifier.Written>();
        var mobileFailed = false;
        var unknownMobile = false;
        foreach (var op in plan.Operations)
        {
            var needsMobile = op.Kind == OperationKind.EnableSmsSignIn
                || (op.Kind == OperationKind.Create && op.Method == MethodKind.AlternateMobile && !current.Phones.ContainsKey(MethodKind.Mobile));
            if ((mobileFailed || unknownMobile) && needsMobile)
            {
                records.Add(Planner.Record(desired, op.For, Outcome.Skipped, unknownMobile
                    ? "Not attempted: it needs the mobile phone, and whether that registration landed is unknown (see that record)."
                    : "Not attempted: it needs the mobile phone, whose registration failed (see that record).", ErrorCodes.DependencyFailed));
                continue;
            }

            if (!changes.TryReserve())
            {
                records.Add(Planner.Record(desired, op.For, Outcome.Skipped, $"Not attempted: the run reached --max-changes {changes.Limit} before this write.", ErrorCodes.GuardrailReached));
                continue;
            }

            if (op.Kind is OperationKind.IssueTap or OperationKind.ResetPassword)
            {
                var secret = op.Kind == OperationKind.IssueTap
                    ? await _extras.Secrets!.IssueTapAsync(plan.ObjectId, user.UserPrincipalName, op)
                    : await _extras.Secrets!.ResetPasswordAsync(plan.ObjectId, user.UserPrincipalName, op);
                var done = OperationRecords.Of(desired, op, secret);
                records.Add(done);
                if (secret.IssuedTapId is { } tapId && secret.Outcome == Outcome.Created)
                {
                    written.Add(new Verifier.Written(done, op, tapId));
                }

                continue;
            }

            var result = await new WriteOperation(graph, requests, plan.ObjectId, op, current, _extras.ReadBack, writeFirst).RunAsync();
            if (result.RefusedUnread)
            {
                changes.Release(); // nothing changed
                refused = true;
                break;
            }

            if (op.Kind == OperationKind.EnableSmsSignIn && result.Outcome == Outcome.Updated && result.Call.Ended is null)
            {
                var (outcome, message) = await SmsSignInReadBack.ConfirmAsync(_extras.ReadBack!, requests, plan.ObjectId, result.Message);
                if (outcome == Outcome.Failed)
                {
                    records.Add(OperationRecords.NotReady(desired, op, current, result.Call, message));
                    continue;
                }

                result = result with { Outcome = outcome, Message = message };
            }

            var record = OperationRecords.Of(desired, op, current, result);
            unknownMobile |= result.Call.Ended is { MayHaveLanded: true } && op.Method == MethodKind.Mobile;
            mobileFailed |= result.Call.Ended is null && result.Outcome == Outcome.Failed && op.Method == MethodKind.Mobile;
            records.Add(record);
            if (record.Outcome is Outcome.Created or Outcome.Updated or Outcome.Deleted)
            {
                written.Add(new Verifier.Written(record, op, null));
            }
        }

        if (_extras.Verify && written.Count > 0)
        {
            await new Verifier(requests, _extras.ReadBack!, _extras.VerifyStats).RunAsync(user.Id, written, records);
        }

        return refused;
    }
}

/// <summary>What apply needs beyond the phone and e-mail writes: the hand-off file, the secret writes, read-back and --verify.</summary>
internal sealed record ApplyExtras(Handoff.HandoffFile? Handoff, SecretOperations? Secrets, ReadBack? ReadBack, bool Verify, VerifyStats VerifyStats)
{
    public static ApplyExtras None { get; } = new(null, null, null, false, new VerifyStats());
}
