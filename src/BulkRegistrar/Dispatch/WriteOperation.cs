using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// One planned write, sent through <see cref="GraphExecutor"/> with the re-read that makes a retry
/// safe, and Graph's answer turned into an outcome. A create whose response was lost and that then
/// meets "already exists" is re-read and, if the tenant now holds what we sent, it is
/// <c>Created</c> — never <c>Failed</c>, never written twice. Messages say what was observed (the
/// answer, what a re-read showed), not what we infer from it: a re-read that finds SMS sign-in
/// ready does not show that our enable call did it (creating the mobile may have).
/// </summary>
/// <param name="writeFirst">The create was planned without reading the tenant (<see cref="WriteFirstPolicy"/>): a refusal is
/// handed back unread (<see cref="WriteResult.RefusedUnread"/>) for the caller to read and plan, instead of being re-read here.</param>
internal sealed class WriteOperation(GraphExecutor graph, GraphRequests requests, string id, PlannedOperation op, CurrentMethods current, ReadBack? readBack = null,
    bool writeFirst = false)
{
    public const string MayHaveLanded = "It may have landed; run again, the rerun will show Unchanged if so.";

    public async Task<WriteResult> RunAsync()
    {
        var executed = await graph.RunAsync(new GraphCall(Request(), IsWrite: true) { Intent = WriteIntents.For(op, id) }, op.Kind is OperationKind.Create or OperationKind.EnableSmsSignIn or OperationKind.DisableSmsSignIn ? VerifyAsync : null);
        var r = executed.Result;
        if (executed.Ended is { } ended)
        {
            var detail = ended.Detail is null ? "" : " " + ended.Detail;
            return ended.MayHaveLanded
                ? new(executed, Outcome.Failed, $"Sent, but no clear answer came back before {ended.Why}. {MayHaveLanded}{detail}")
                : new(executed, Outcome.Skipped, $"Not applied: Graph answered {r.Status} (the request was not run), and {ended.Why} before the retry.{detail}");
        }

        if (r.IsSuccess && writeFirst && executed.Verified)
        {
            // Written first, so the tenant was never read before the attempt: what the re-read shows may be our write or
            // may have been there all along. Not claimed as ours (revert then leaves it alone).
            return new(executed, Outcome.Unchanged, NotClaimed(r));
        }

        if (r.IsSuccess)
        {
            return new(executed, op.Done, executed.Verified
                ? $"Done. The first attempt got no clear answer (server error or lost response); re-reading the tenant showed {Observed()}, so it was not sent again."
                : Done());
        }

        if (op.Kind == OperationKind.Delete && r.Status == 404)
        {
            return new(executed, executed.PreviousMayHaveRun ? Outcome.Deleted : Outcome.Unchanged,
                executed.PreviousMayHaveRun ? "Gone: the first attempt got no clear answer, and the retry found nothing left to remove (404)." : "Already absent; nothing to remove.");
        }

        // Written first, without a read: "already exists", "needs a mobile first" or "no such user" says only that the
        // guess was wrong, so the caller reads and plans. Not a 409 phoneNumberNotUnique (Graph stored the phone),
        // and not after an attempt of unknown fate (the refusal may be our own earlier write): those are settled below.
        if (writeFirst && op.Kind == OperationKind.Create && r.Status is 400 or 404 or 409 && !executed.PreviousMayHaveRun && !IsNotUnique(r))
        {
            return new(executed, Outcome.Failed, "Graph refused the create.", RefusedUnread: true);
        }

        // "Already exists" after an attempt of unknown fate, or the 409 Graph gives when SMS sign-in could
        // not take the number but the method itself was stored: look at what the tenant holds now.
        if (op.Kind is OperationKind.Create or OperationKind.Update && r.Status is 400 or 409)
        {
            // The read that planned this write may have missed a recent one, and a 409 phone was stored all the
            // same: a replicated directory need not show a write at once, so re-read until shown (bounded).
            var now = readBack is null ? await VerifyAsync()
                : (await readBack.UntilAsync(ReadRequest, Landed)).Shown ? new CallResult(200, null, r.RequestId, null, null) : null;
            if (now is { IsSuccess: true })
            {
                if (IsNotUnique(r))
                {
                    // Graph stores the phone and answers 409 because SMS sign-in cannot use the number.
                    return new(executed with { Verified = true }, op.Done,
                        $"Done. Graph answered 409 phoneNumberNotUnique (another user signs in by SMS with this number, so SMS sign-in cannot use it); re-reading the tenant showed {Observed()}.");
                }

                // Refused as already there, and the tenant shows our value: this call did not write it. Only when
                // an earlier attempt of ours may have run is it ours to claim; otherwise it was already registered.
                if (writeFirst && executed.PreviousMayHaveRun)
                {
                    return new(executed with { Verified = true }, Outcome.Unchanged, NotClaimed(r));
                }

                return executed.PreviousMayHaveRun
                    ? new(executed with { Verified = true }, op.Done, $"Done. An earlier attempt got no clear answer; Graph then answered {r.Status} {r.Error.Code}, and re-reading the tenant showed {Observed()}.")
                    : new(executed with { Verified = true }, Outcome.Unchanged, $"Already registered with this value: Graph answered {r.Status} {r.Error.Code} to the create, and re-reading the tenant showed {Observed()} (the first read had not shown it yet).");
            }
        }

        if (writeFirst && op.Kind == OperationKind.Create && r.Status is 400 or 404 or 409)
        {
            // Our value is not there: whatever the earlier attempt did, the refusal stands; the caller reads and plans.
            return new(executed, Outcome.Failed, "Graph refused the create.", RefusedUnread: true);
        }

        // An enable Graph refused: the same categories as the planner's skip when the tenant already says so.
        if (op.Kind == OperationKind.EnableSmsSignIn && r.Status is 400 or 409 && await RefusedStateAsync(r) is { } state && Planner.SmsRefusal(state) is { } refusal)
        {
            return new(executed, Outcome.Failed, refusal.Message, refusal.Error);
        }

        return new(executed, Outcome.Failed, r.IsTransient ? $"Gave up after {executed.Attempts} attempt(s)." : "Graph refused the change.");
    }

    private string NotClaimed(CallResult r) =>
        $"Registered with this value, but not claimed as this run's: the create was sent without reading the user first (write-first), its first attempt got no clear answer{(r.IsSuccess ? "" : $", Graph then answered {r.Status} {r.Error.Code}")}, and re-reading the tenant showed {Observed()} — whether this run or an earlier change registered it is not known.";

    private static bool IsNotUnique(CallResult r) =>
        r.Status == 409 && string.Equals(r.Error.Code, "phoneNumberNotUnique", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why an enable was refused: Graph's code when it names the state, else the mobile's smsSignInState read now.</summary>
    private async Task<SmsSignInState?> RefusedStateAsync(CallResult refused)
    {
        if (SmsSignInStates.FromRefusalCode(refused.Error.Code) is { } named)
        {
            return named;
        }

        var read = await graph.RunAsync(new GraphCall(requests.ListPhones(id), IsWrite: false));
        return read.Result.IsSuccess ? GraphJson.ReadPhones(read.Result.Body!).GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState : null;
    }

    /// <summary>What a successful re-read saw: a fact about the tenant, not a claim about which call made it so.</summary>
    private string Observed() => op.Kind switch
    {
        OperationKind.EnableSmsSignIn => "SMS sign-in already ready on the mobile",
        OperationKind.DisableSmsSignIn => "SMS sign-in not ready on the mobile",
        _ => "this value registered",
    };

    private Microsoft.Kiota.Abstractions.RequestInformation Request() => (op.Kind, op.Method) switch
    {
        (OperationKind.EnableSmsSignIn, _) => requests.EnableSmsSignIn(id),
        (OperationKind.DisableSmsSignIn, _) => requests.DisableSmsSignIn(id),
        (OperationKind.Create, MethodKind.Email) => requests.CreateEmail(id, op.Value!),
        (OperationKind.Update, MethodKind.Email) => requests.UpdateEmail(id, current.Email!.Id, op.Value!),
        (OperationKind.Delete, MethodKind.Email) => requests.DeleteEmail(id, current.Email!.Id),
        (OperationKind.Create, _) => requests.CreatePhone(id, op.Method, op.Value!),
        (OperationKind.Update, _) => requests.UpdatePhone(id, op.Method, op.Value!),
        _ => requests.DeletePhone(id, op.Method),
    };

    private string Done() => op.Kind switch
    {
        OperationKind.Create => "Registered.",
        OperationKind.Update => "Replaced the registered value.",
        OperationKind.Delete => "Removed.",
        OperationKind.EnableSmsSignIn => "SMS sign-in enabled.",
        _ => "SMS sign-in disabled.",
    };

    /// <summary>Success when the tenant already holds what this write wants; a transient result when the read failed; null to send.</summary>
    private async Task<CallResult?> VerifyAsync()
    {
        var read = await graph.RunAsync(new GraphCall(ReadRequest(), IsWrite: false));
        if (!read.Result.IsSuccess)
        {
            return read.Result.IsTransient ? read.Result : null;
        }

        return Landed(read.Result.Body!) ? new CallResult(200, null, read.Result.RequestId, null, null) : null;
    }

    private Microsoft.Kiota.Abstractions.RequestInformation ReadRequest() =>
        op.Method == MethodKind.Email ? requests.ListEmails(id) : requests.ListPhones(id);

    /// <summary>The tenant, as this list body shows it, already holds what this write wants.</summary>
    private bool Landed(string body)
    {
        var email = op.Method == MethodKind.Email;
        return op.Kind switch
        {
            OperationKind.EnableSmsSignIn => GraphJson.ReadPhones(body).GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState == SmsSignInState.Ready,
            OperationKind.DisableSmsSignIn => GraphJson.ReadPhones(body).GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState != SmsSignInState.Ready,
            _ when email => Planner.Same(op.Method, op.Value, GraphJson.ReadEmail(body)?.Address),
            _ => Planner.Same(op.Method, op.Value, GraphJson.ReadPhones(body).GetValueOrDefault(op.Method)?.Number),
        };
    }
}

/// <summary>How a planned write ended: the call, its outcome and the sentence for the audit.</summary>
/// <param name="RefusalError">The audit error of a refusal that has its own category (SMS sign-in refused by policy or number), else null.</param>
/// <param name="RefusedUnread">A write-first create Graph refused, not re-read: the caller reads the tenant and plans again.</param>
internal sealed record WriteResult(ExecutedCall Call, Outcome Outcome, string Message, string? RefusalError = null, bool RefusedUnread = false);
