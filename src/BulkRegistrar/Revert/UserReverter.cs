using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Revert;

/// <summary>
/// Undoes one user's changes: look the user up, read what they hold now (the lists of the steps' methods), and for each
/// step in order first compare with what undoing it gives — already so (a second revert, an earlier stopped one) is
/// <c>Unchanged</c> and nothing is sent — then check that the tenant still holds what the run left — if it holds neither,
/// someone changed it since and it is left alone as <c>Conflict</c> — then write (or, with --plan, only say what would be
/// written). What each of those means for a method is its description's (<see cref="AuthMethod.Reached"/>,
/// <see cref="AuthMethod.Conflict"/>, <see cref="AuthMethod.UndoRequest"/>). Writes go through the same executor as apply;
/// a write whose answer was lost is re-read before it is resent.
/// </summary>
internal sealed class UserReverter(GraphExecutor graph, GraphRequests requests, bool write)
{
    public async Task<IReadOnlyList<AuditRecord>> RunAsync(IReadOnlyList<RevertStep> steps)
    {
        var records = new List<AuditRecord>(steps.Count);
        var lists = AuthMethods.ListsOf(steps.Select(s => s.Method));
        try
        {
            var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(steps[0].User), IsWrite: false));
            if (!lookup.Result.IsSuccess)
            {
                var gone = lookup.Result.Status == 404;
                return Settle(steps, records, gone ? Outcome.NotFound : Outcome.Failed,
                    gone ? "The user no longer exists in the tenant." : "Looking the user up failed.", gone ? ErrorCodes.NotFound : ErrorCodes.GraphError);
            }

            var id = GraphJson.ReadUser(lookup.Result.Body!).Id;
            var current = await ReadAsync(id, lists);
            if (current is null)
            {
                return Settle(steps, records, Outcome.Failed, "Reading the user's methods failed.", ErrorCodes.GraphError);
            }

            foreach (var step in steps)
            {
                records.Add(await UndoAsync(step, AuthMethods.Of(step.Method), id, lists, current));
            }
        }
        catch (RunAbortedException e)
        {
            Settle(steps, records, Outcome.Skipped, $"Not sent: the run was stopped. {e.Message}", ErrorCodes.RunAborted);
        }
        catch (OperationCanceledException)
        {
            Settle(steps, records, Outcome.Skipped,
                "Not sent: the revert was cancelled (Ctrl+C). Run it again to finish; steps already reverted come out Unchanged.", ErrorCodes.Cancelled);
        }

        return records;
    }

    private async Task<AuditRecord> UndoAsync(RevertStep step, AuthMethod method, string id, IReadOnlyList<MethodList> lists, CurrentMethods current)
    {
        if (method.Reached(step, current))
        {
            return step.Record(Outcome.Unchanged, "Already as before the run; nothing to send.");
        }

        if (method.Conflict(step, current) is { } why)
        {
            return step.Record(Outcome.Conflict, $"Left alone: {why} since the run, so undoing it could overwrite a newer change.");
        }

        if (!write)
        {
            return step.Record(step.Kind.WouldBe, $"Would {step.Kind.Describe}.");
        }

        // Success when the tenant already holds what the step wants (a lost answer had landed); null to send.
        async Task<CallResult?> VerifyAsync() =>
            await ReadAsync(id, lists) is { } now && method.Reached(step, now) ? new CallResult(200, null, null, null, null) : null;

        var executed = await graph.RunAsync(new GraphCall(method.UndoRequest(requests, step, id, current), IsWrite: true), VerifyAsync);
        var r = executed.Result;
        var undone = r.IsSuccess || (step.Kind == UndoKind.Delete && r.Status == 404);
        var record = undone
            ? step.Record(step.Kind.Done, $"Reverted: {step.Kind.Describe}.")
            : step.Record(Outcome.Failed, $"Graph refused to {step.Kind.Describe}: {r.Error.Message ?? "no answer"}", ErrorCodes.GraphError);
        return record.Answered(executed, refused: !undone);
    }

    /// <summary>What the user holds now, by the given lists (read side by side); null when a read failed.</summary>
    private async Task<CurrentMethods?> ReadAsync(string id, IReadOnlyList<MethodList> lists) =>
        (await ListReader.ReadAsync(graph, requests, id, lists, together: true)).Current;

    private static List<AuditRecord> Settle(IReadOnlyList<RevertStep> steps, List<AuditRecord> records, Outcome outcome, string message, string error)
    {
        foreach (var step in steps.Skip(records.Count))
        {
            records.Add(step.Record(outcome, message, error));
        }

        return records;
    }
}
