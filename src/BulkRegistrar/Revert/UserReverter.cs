using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Revert;

/// <summary>
/// Undoes one user's changes: look the user up, read what they hold now, and for each step in order
/// first compare with what undoing it gives — already so (a second revert, an earlier stopped one) is
/// <c>Unchanged</c> and nothing is sent — then check that the tenant still holds what the run left — if
/// it holds neither, someone changed it since and it is left alone as <c>Conflict</c> — then write (or,
/// with --plan, only say what would be written). Writes go through the same executor as apply; a write
/// whose answer was lost is re-read before it is resent.
/// </summary>
internal sealed class UserReverter(GraphExecutor graph, GraphRequests requests, bool write)
{
    public async Task<IReadOnlyList<AuditRecord>> RunAsync(IReadOnlyList<RevertStep> steps)
    {
        var records = new List<AuditRecord>(steps.Count);
        try
        {
            var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(steps[0].User), IsWrite: false));
            if (!lookup.Result.IsSuccess)
            {
                return Settle(steps, records, lookup.Result.Status == 404 ? Outcome.NotFound : Outcome.Failed,
                    lookup.Result.Status == 404 ? "The user no longer exists in the tenant." : "Looking the user up failed.", lookup.Result.Status == 404 ? "NotFound" : "GraphError");
            }

            var id = GraphJson.ReadUser(lookup.Result.Body!).Id;
            var current = await ReadAsync(id);
            if (current is null)
            {
                return Settle(steps, records, Outcome.Failed, "Reading the user's methods failed.", "GraphError");
            }

            foreach (var step in steps)
            {
                if (Reached(step, current))
                {
                    records.Add(step.Record(Outcome.Unchanged, "Already as before the run; nothing to send."));
                    continue;
                }

                if (Conflict(step, current) is { } why)
                {
                    records.Add(step.Record(Outcome.Conflict, $"Left alone: {why} since the run, so undoing it could overwrite a newer change."));
                    continue;
                }

                if (!write)
                {
                    records.Add(step.Record(step.WouldBe, $"Would {step.Describe}."));
                    continue;
                }

                var executed = await graph.RunAsync(new GraphCall(Request(step, id, current), IsWrite: true), () => VerifyAsync(step, id));
                var r = executed.Result;
                var record = r.IsSuccess || (step.Kind == UndoKind.Delete && r.Status == 404)
                    ? step.Record(step.Done, $"Reverted: {step.Describe}.")
                    : step.Record(Outcome.Failed, $"Graph refused to {step.Describe}: {r.Error.Message ?? "no answer"}", "GraphError") with { GraphError = r.Error.Code };
                records.Add(record with { HttpStatus = r.Status == 0 ? null : r.Status, RequestId = r.RequestId, Attempts = executed.Attempts, DurationMs = (long)executed.Duration.TotalMilliseconds });
            }
        }
        catch (RunAbortedException e)
        {
            Settle(steps, records, Outcome.Skipped, $"Not sent: the run was stopped. {e.Message}", "RunAborted");
        }
        catch (OperationCanceledException)
        {
            Settle(steps, records, Outcome.Skipped, "Not sent: the revert was cancelled (Ctrl+C). Run it again to finish; steps already reverted come out Unchanged.", "Cancelled");
        }

        return records;
    }

    /// <summary>Why the tenant no longer holds what the run left, or null when it does.</summary>
    private static string? Conflict(RevertStep step, CurrentMethods now)
    {
        var mobileSms = now.Phones.GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState;
        var value = step.Method == MethodKind.Email ? now.Email?.Address : now.Phones.GetValueOrDefault(step.Method)?.Number;
        return step.Kind switch
        {
            UndoKind.DisableSms => null, // any state but Ready is already the target (Reached): only Ready gets here
            UndoKind.EnableSms => mobileSms == SmsSignInState.NotEnabled ? null : "SMS sign-in is no longer disabled (or the mobile is gone)",
            UndoKind.Recreate => value is null ? null : "the method was registered again",
            _ => Planner.Same(step.Method, step.RunValue, value) ? null : value is null ? "the method was removed" : "the value was changed",
        };
    }

    private RequestInformation Request(RevertStep step, string id, CurrentMethods current) => (step.Kind, step.Method) switch
    {
        (UndoKind.DisableSms, _) => requests.DisableSmsSignIn(id),
        (UndoKind.EnableSms, _) => requests.EnableSmsSignIn(id),
        (UndoKind.Delete, MethodKind.Email) => requests.DeleteEmail(id, current.Email!.Id),
        (UndoKind.Restore, MethodKind.Email) => requests.UpdateEmail(id, current.Email!.Id, step.Previous!),
        (UndoKind.Recreate, MethodKind.Email) => requests.CreateEmail(id, step.Previous!),
        (UndoKind.Delete, _) => requests.DeletePhone(id, step.Method),
        (UndoKind.Restore, _) => requests.UpdatePhone(id, step.Method, step.Previous!),
        _ => requests.CreatePhone(id, step.Method, step.Previous!),
    };

    /// <summary>Success when the tenant already holds what the step wants (a lost answer had landed); null to send.</summary>
    private async Task<CallResult?> VerifyAsync(RevertStep step, string id)
    {
        var now = await ReadAsync(id);
        if (now is null)
        {
            return null;
        }

        return Reached(step, now) ? new CallResult(200, null, null, null, null) : null;
    }

    /// <summary>The tenant already holds what undoing the step gives (a lost answer landed, or an earlier revert did it).</summary>
    private static bool Reached(RevertStep step, CurrentMethods now)
    {
        var value = step.Method == MethodKind.Email ? now.Email?.Address : now.Phones.GetValueOrDefault(step.Method)?.Number;
        var sms = now.Phones.GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState;
        return step.Kind switch
        {
            // Not enabled is the target, and a user without a mobile has no SMS sign-in either: a second
            // revert finds the mobile the run created already removed, which is as before the run.
            UndoKind.DisableSms => sms != SmsSignInState.Ready,
            UndoKind.EnableSms => sms == SmsSignInState.Ready,
            UndoKind.Delete => value is null,
            _ => Planner.Same(step.Method, step.Previous, value),
        };
    }

    private async Task<CurrentMethods?> ReadAsync(string id)
    {
        var phones = graph.RunAsync(new GraphCall(requests.ListPhones(id), IsWrite: false));
        var emails = graph.RunAsync(new GraphCall(requests.ListEmails(id), IsWrite: false));
        var (p, e) = (await phones, await emails);
        return p.Result.IsSuccess && e.Result.IsSuccess
            ? new CurrentMethods(GraphJson.ReadPhones(p.Result.Body!), GraphJson.ReadEmail(e.Result.Body!))
            : null;
    }

    private static List<AuditRecord> Settle(IReadOnlyList<RevertStep> steps, List<AuditRecord> records, Outcome outcome, string message, string error)
    {
        foreach (var step in steps.Skip(records.Count))
        {
            records.Add(step.Record(outcome, message, error));
        }

        return records;
    }
}
