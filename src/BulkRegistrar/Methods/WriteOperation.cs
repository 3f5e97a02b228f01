using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods;

/// <summary>
/// One planned write of a method whose writes can be read back (<see cref="ReadableMethod"/>), sent through
/// <see cref="GraphExecutor"/> with the re-read that makes a retry safe, and Graph's answer turned into an outcome. A create
/// whose response was lost and that then meets "already exists" is re-read and, if the tenant now holds what we sent, it
/// is <c>Created</c> — never <c>Failed</c>, never written twice. Messages say what was observed (the answer, what a re-read
/// showed), not what we infer from it: a re-read that finds SMS sign-in ready does not show that our enable call did it
/// (creating the mobile may have). A write-first create (<see cref="WriteContext.WriteFirst"/>) that Graph refuses is
/// handed back unread (<see cref="WriteResult.RefusedUnread"/>) for the caller to read and plan, instead of being re-read here.
/// </summary>
internal sealed class WriteOperation(WriteContext write, PlannedOperation op)
{
    public const string MayHaveLanded = "It may have landed; run again, the rerun will show Unchanged if so.";

    private readonly ReadableMethod _method = (ReadableMethod)AuthMethods.Of(op.Method);

    public async Task<WriteResult> RunAsync()
    {
        var call = new GraphCall(_method.Request(write.Requests, write.Id, op, write.Current), IsWrite: true) { Intent = WriteIntents.For(op, write.Id) };
        var executed = await write.Graph.RunAsync(call, _method.ReadBeforeResend(op) ? VerifyAsync : null);
        var r = executed.Result;
        if (executed.Ended is { } ended)
        {
            var detail = ended.Detail is null ? "" : " " + ended.Detail;
            return ended.MayHaveLanded
                ? new(executed, Outcome.Failed, $"Sent, but no clear answer came back before {ended.Why}. {MayHaveLanded}{detail}", ErrorCodes.OutcomeUnknown)
                {
                    HideStatus = true,
                }
                : new(executed, Outcome.Skipped,
                    $"Not applied: Graph answered {r.Status} (the request was not run), and {ended.Why} before the retry.{detail}", ended.Error);
        }

        if (r.IsSuccess && write.WriteFirst && executed.Verified)
        {
            // Written first, so the tenant was never read before the attempt: what the re-read shows may be our write or
            // may have been there all along. Not claimed as ours (revert then leaves it alone).
            return new(executed, Outcome.Unchanged, NotClaimed(r));
        }

        if (r.IsSuccess)
        {
            return new(executed, op.Done, executed.Verified
                ? "Done. The first attempt got no clear answer (server error or lost response); "
                    + $"re-reading the tenant showed {_method.SeenText(op)}, so it was not sent again."
                : _method.DoneText(op));
        }

        if (op.Kind == OperationKind.Delete && r.Status == 404)
        {
            return executed.PreviousMayHaveRun
                ? new(executed, Outcome.Deleted, "Gone: the first attempt got no clear answer, and the retry found nothing left to remove (404).")
                : new(executed, Outcome.Unchanged, "Already absent; nothing to remove.");
        }

        // Written first, without a read: "already exists", "needs a mobile first" or "no such user" says only that the
        // guess was wrong, so the caller reads and plans. Not a 409 phoneNumberNotUnique (Graph stored the phone),
        // and not after an attempt of unknown fate (the refusal may be our own earlier write): those are settled below.
        var refusedCreate = write.WriteFirst && op.Kind == OperationKind.Create && r.Status is 400 or 404 or 409;
        if (refusedCreate && !executed.PreviousMayHaveRun && !IsNotUnique(r))
        {
            return new(executed, Outcome.Failed, "Graph refused the create.", RefusedUnread: true);
        }

        if ((op.Kind == OperationKind.Create || op.Kind == OperationKind.Update) && r.Status is 400 or 409 && await ShownAsync(r) is { } shown)
        {
            return shown;
        }

        if (refusedCreate)
        {
            // Our value is not there: whatever the earlier attempt did, the refusal stands; the caller reads and plans.
            return new(executed, Outcome.Failed, "Graph refused the create.", RefusedUnread: true);
        }

        if (await _method.RefusalAsync(write, op, r) is { } refusal)
        {
            return Refused(executed, refusal.Message, refusal.Error);
        }

        return Refused(executed, r.IsTransient ? $"Gave up after {executed.Attempts} attempt(s)." : "Graph refused the change.");

        // "Already exists" after an attempt of unknown fate, or the 409 Graph gives when SMS sign-in could not take the
        // number but the method itself was stored: what the tenant holds now settles it, when it holds our value.
        async Task<WriteResult?> ShownAsync(CallResult refused)
        {
            // The read that planned this write may have missed a recent one, and a 409 phone was stored all the same: a
            // replicated directory need not show a write at once, so re-read until shown (bounded).
            var now = write.ReadBack is not { } readBack ? await VerifyAsync()
                : (await readBack.UntilAsync(ReadRequest, b => _method.Landed(op, b))).Shown ? new CallResult(200, null, refused.RequestId, null, null) : null;
            if (now is not { IsSuccess: true })
            {
                return null;
            }

            var seen = executed with { Verified = true };
            if (IsNotUnique(refused))
            {
                // Graph stores the phone and answers 409 because SMS sign-in cannot use the number.
                return new(seen, op.Done, "Done. Graph answered 409 phoneNumberNotUnique (another user signs in by SMS with this number, "
                    + $"so SMS sign-in cannot use it); re-reading the tenant showed {_method.SeenText(op)}.");
            }

            // Refused as already there, and the tenant shows our value: this call did not write it. Only when an earlier
            // attempt of ours may have run is it ours to claim; otherwise it was already registered.
            if (write.WriteFirst && executed.PreviousMayHaveRun)
            {
                return new(seen, Outcome.Unchanged, NotClaimed(refused));
            }

            return executed.PreviousMayHaveRun
                ? new(seen, op.Done, $"Done. An earlier attempt got no clear answer; Graph then answered {refused.Status} {refused.Error.Code}, "
                    + $"and re-reading the tenant showed {_method.SeenText(op)}.")
                : new(seen, Outcome.Unchanged, $"Already registered with this value: Graph answered {refused.Status} {refused.Error.Code} to the create, "
                    + $"and re-reading the tenant showed {_method.SeenText(op)} (the first read had not shown it yet).");
        }
    }

    /// <summary>Graph refused: its code and own words go to the record, with the category when the refusal has one.</summary>
    private static WriteResult Refused(ExecutedCall executed, string message, string error = ErrorCodes.GraphError) =>
        new(executed, Outcome.Failed, $"{message} {CallResult.Said(executed.Result)}", error) { GraphError = executed.Result.Error.Code };

    private string NotClaimed(CallResult r) =>
        "Registered with this value, but not claimed as this run's: the create was sent without reading the user first (write-first), its first attempt got "
        + $"no clear answer{(r.IsSuccess ? "" : $", Graph then answered {r.Status} {r.Error.Code}")}, and re-reading the tenant showed {_method.SeenText(op)} "
        + "— whether this run or an earlier change registered it is not known.";

    private static bool IsNotUnique(CallResult r) =>
        r.Status == 409 && string.Equals(r.Error.Code, "phoneNumberNotUnique", StringComparison.OrdinalIgnoreCase);

    private Microsoft.Kiota.Abstractions.RequestInformation ReadRequest() => _method.List.Request(write.Requests, write.Id);

    /// <summary>Success when the tenant already holds what this write wants; a transient result when the read failed; null to send.</summary>
    private async Task<CallResult?> VerifyAsync()
    {
        var read = await write.Graph.RunAsync(new GraphCall(ReadRequest(), IsWrite: false));
        if (!read.Result.IsSuccess)
        {
            return read.Result.IsTransient ? read.Result : null;
        }

        return _method.Landed(op, read.Result.Body!) ? new CallResult(200, null, read.Result.RequestId, null, null) : null;
    }
}
