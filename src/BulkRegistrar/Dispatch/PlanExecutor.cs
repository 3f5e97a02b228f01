using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The execute stage: one user's planned writes, in the planner's order and one after another (so mobile lands before its
/// alternate and SMS sign-in, without <c>dependsOn</c> and its 424 cascades, and every write keeps its own retry). Each
/// write is its method's (<see cref="AuthMethod.WriteAsync"/>); a write that needs another method's
/// (<see cref="AuthMethod.NeedsFirst"/>) is not sent when that one failed or its fate is unknown, and none is sent past
/// <c>--max-changes</c>. With --verify every successful write is re-read at the end.
/// </summary>
internal sealed class PlanExecutor(GraphExecutor graph, GraphRequests requests, ChangeBudget changes, ApplyExtras? extras = null)
{
    private readonly ApplyExtras _extras = extras ?? ApplyExtras.None;

    /// <param name="writeFirst">The plan is a guess made without reading (<see cref="WriteFirstPolicy"/>): the first create Graph refuses
    /// gets no record and ends the guess, and the caller reads and plans what is still open.</param>
    /// <returns>True when a write-first create was refused (its change given back to --max-changes, the writes after it not sent).</returns>
    public async Task<bool> ExecuteAsync(ResolvedUser user, UserPlan plan, CurrentMethods current, UserRecords records, bool writeFirst = false)
    {
        var context = new WriteContext(graph, requests, plan.ObjectId, user.UserPrincipalName, current, _extras.Secrets, _extras.ReadBack, writeFirst);
        var written = new List<Verifier.Written>();
        var failed = new HashSet<MethodKind>();
        var unknown = new HashSet<MethodKind>();
        var refused = false;
        foreach (var op in plan.Operations)
        {
            var method = AuthMethods.Of(op.Method);
            if (method.NeedsFirst(op, current) is { } needed && (failed.Contains(needed) || unknown.Contains(needed)))
            {
                var noun = AuthMethods.Of(needed).Noun;
                records.Add(AuditRecords.Of(plan.User, op.For, Outcome.Skipped, unknown.Contains(needed)
                    ? $"Not attempted: it needs {noun}, and whether that registration landed is unknown (see that record)."
                    : $"Not attempted: it needs {noun}, whose registration failed (see that record).", ErrorCodes.DependencyFailed));
                continue;
            }

            if (!changes.TryReserve())
            {
                records.Add(AuditRecords.Of(plan.User, op.For, Outcome.Skipped,
                    $"Not attempted: the run reached --max-changes {changes.Limit} before this write.", ErrorCodes.GuardrailReached));
                continue;
            }

            var result = await method.WriteAsync(context, op);
            if (result.RefusedUnread)
            {
                changes.Release(); // nothing changed
                refused = true;
                break;
            }

            if (result.Call.Ended is { MayHaveLanded: true })
            {
                unknown.Add(op.Method);
            }
            else if (result.Call.Ended is null && result.Outcome == Outcome.Failed)
            {
                failed.Add(op.Method);
            }

            var record = AuditRecords.Written(plan.User, op.For, result, method.Previous(op, current));
            records.Add(record);
            if (method.Verifiable && record.Outcome is Outcome.Created or Outcome.Updated or Outcome.Deleted)
            {
                written.Add(new Verifier.Written(record, op, result.IssuedId));
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
