using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Handoff;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// One user, start to finish: look the user up (object id, usageLocation), read the methods they
/// have, plan, and — in apply mode — run the writes in the planner's order. A user's requests are
/// sequential (so mobile lands before its alternate and SMS sign-in, without <c>dependsOn</c> and its
/// 424 cascades, and every write keeps its own retry); hundreds of users run side by side, which is
/// what fills the batches. Returns exactly one record per desired method.
/// </summary>
internal sealed class UserApplier(GraphExecutor graph, GraphRequests requests, Planner planner, PhoneNormalizer phones, ChangeBudget changes, bool apply, ApplyExtras? extras = null)
{
    private readonly ApplyExtras _extras = extras ?? ApplyExtras.None;

    public async Task<IReadOnlyList<AuditRecord>> RunAsync(UserWork input)
    {
        var desired = input.Desired!;
        var outcomes = new UserRecords(desired, input.PendingRegions);
        try
        {
            var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(desired.User), IsWrite: false));
            if (lookup.Result.Status == 404)
            {
                outcomes.SettleRest(Outcome.NotFound, "NotFound", "No user with this name exists in the tenant; check the UPN (or create the account first).", lookup);
                return outcomes.All;
            }

            if (!lookup.Result.IsSuccess)
            {
                outcomes.SettleRest(Outcome.Failed, "GraphError", "Looking the user up failed.", lookup);
                return outcomes.All;
            }

            var user = GraphJson.ReadUser(lookup.Result.Body!);
            desired = outcomes.ResolveRegions(desired, user.UsageLocation, phones);
            var (current, reads) = await ReadCurrentAsync(desired, user.Id, outcomes);
            if (current is null)
            {
                return outcomes.All;
            }

            current = current with { TapHandedOff = _extras.Handoff?.HasPassFor(user.Id, user.UserPrincipalName) ?? false };

            var plan = planner.Plan(desired, user.Id, current);
            outcomes.AddRange(plan.Settled.Select(reads.Identify));
            if (!apply)
            {
                foreach (var op in plan.Operations)
                {
                    outcomes.Add(reads.Identify(Record(desired, op, op.WouldBe, Describe(op, current))));
                }

                return outcomes.All;
            }

            var written = await ExecuteAsync(desired, plan, current, outcomes, user.UserPrincipalName);
            if (_extras.Verify && written.Count > 0)
            {
                await new Verifier(requests, _extras.ReadBack!, _extras.VerifyStats).RunAsync(user.Id, written, outcomes);
            }
        }
        catch (RunAbortedException e)
        {
            outcomes.SettleRest(Outcome.Skipped, "RunAborted", $"Not sent: the run was stopped. {e.Message}");
        }
        catch (OperationCanceledException)
        {
            // Only calls that never left reach here (a write that left ends in WriteOperation as OutcomeUnknown).
            outcomes.SettleRest(Outcome.Skipped, "Cancelled", "Not sent: the run was cancelled (Ctrl+C or SIGTERM). Run the file again to finish; rows already done come out Unchanged.");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // An answer we could not read must not lose the row: it is reported, and the run goes on.
            outcomes.SettleRest(Outcome.Failed, "UnexpectedResponse", $"Graph's answer could not be read ({e.GetType().Name}: {e.Message}).");
        }

        return outcomes.All;
    }

    private async Task<(CurrentMethods? Current, Reads Reads)> ReadCurrentAsync(DesiredState desired, string id, UserRecords outcomes)
    {
        var phones = new Dictionary<MethodKind, CurrentPhone>();
        CallResult? phonesRead = null, emailRead = null;
        if (desired.Methods.Any(m => m.Method is MethodKind.Mobile or MethodKind.AlternateMobile or MethodKind.Office or MethodKind.SmsSignIn))
        {
            var read = await graph.RunAsync(new GraphCall(requests.ListPhones(id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                outcomes.SettleRest(Outcome.Failed, "GraphError", "Reading the user's phone methods failed.", read);
                return (null, default);
            }

            phones = GraphJson.ReadPhones(read.Result.Body!);
            phonesRead = read.Result;
        }

        CurrentEmail? email = null;
        if (desired.Find(MethodKind.Email) is not null)
        {
            var read = await graph.RunAsync(new GraphCall(requests.ListEmails(id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                outcomes.SettleRest(Outcome.Failed, "GraphError", "Reading the user's e-mail method failed.", read);
                return (null, default);
            }

            email = GraphJson.ReadEmail(read.Result.Body!);
            emailRead = read.Result;
        }

        CurrentTap? tap = null;
        if (desired.Find(MethodKind.TemporaryAccessPass) is not null)
        {
            var read = await graph.RunAsync(new GraphCall(requests.ListTaps(id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                outcomes.SettleRest(Outcome.Failed, "GraphError", "Reading the user's Temporary Access Pass failed.", read);
                return (null, default);
            }

            tap = GraphJson.ReadTap(read.Result.Body!);
        }

        return (new CurrentMethods(phones, email) { Tap = tap }, new Reads(phonesRead, emailRead));
    }

    /// <returns>The writes that succeeded, for --verify.</returns>
    private async Task<List<Verifier.Written>> ExecuteAsync(DesiredState desired, UserPlan plan, CurrentMethods current, UserRecords outcomes, string? upn)
    {
        var written = new List<Verifier.Written>();
        var mobileFailed = false;
        var unknownMobile = false;
        foreach (var op in plan.Operations)
        {
            var needsMobile = op.Kind == OperationKind.EnableSmsSignIn
                || (op.Kind == OperationKind.Create && op.Method == MethodKind.AlternateMobile && !current.Phones.ContainsKey(MethodKind.Mobile));
            if ((mobileFailed || unknownMobile) && needsMobile)
            {
                outcomes.Add(Planner.Record(desired, op.For, Outcome.Skipped, unknownMobile
                    ? "Not attempted: it needs the mobile phone, and whether that registration landed is unknown (see that record)."
                    : "Not attempted: it needs the mobile phone, whose registration failed (see that record).", "DependencyFailed"));
                continue;
            }

            if (!changes.TryReserve())
            {
                outcomes.Add(Planner.Record(desired, op.For, Outcome.Skipped, $"Not attempted: the run reached --max-changes {changes.Limit} before this write.", "GuardrailReached"));
                continue;
            }

            if (op.Kind is OperationKind.IssueTap or OperationKind.ResetPassword)
            {
                var secret = op.Kind == OperationKind.IssueTap
                    ? await _extras.Secrets!.IssueTapAsync(plan.ObjectId, upn, op)
                    : await _extras.Secrets!.ResetPasswordAsync(plan.ObjectId, upn);
                var done = Record(desired, op, secret.Outcome, secret.Message) with
                {
                    Error = secret.Error,
                    HttpStatus = secret.Call.Result.Status == 0 ? null : secret.Call.Result.Status,
                    GraphError = secret.Outcome == Outcome.Failed ? secret.Call.Result.Error.Code : null,
                    RequestId = secret.Call.Result.RequestId,
                    ClientRequestId = secret.Call.Result.ClientRequestId,
                    Attempts = secret.Call.Attempts,
                    DurationMs = (long)secret.Call.Duration.TotalMilliseconds,
                };
                if (secret.Error == "GraphError" && secret.Call.Result.Error.Message is not null)
                {
                    done = done with { Message = $"{secret.Message} {CallResult.Said(secret.Call.Result)}" };
                }

                outcomes.Add(done);
                if (secret.IssuedTapId is { } tapId && secret.Outcome == Outcome.Created)
                {
                    written.Add(new Verifier.Written(done, op, tapId));
                }

                continue;
            }

            var writes = new WriteOperation(graph, requests, plan.ObjectId, op, current, _extras.ReadBack);
            var (executed, outcome, message) = await writes.RunAsync();
            if (op.Kind == OperationKind.EnableSmsSignIn && outcome == Outcome.Updated && executed.Ended is null)
            {
                (outcome, message, var state) = await ReadBackSmsAsync(plan.ObjectId, message);
                if (outcome == Outcome.Failed)
                {
                    outcomes.Add(Record(desired, op, outcome, message) with
                    {
                        Error = ErrorCodes.SmsSignInNotReady, HttpStatus = executed.Result.Status, RequestId = executed.Result.RequestId,
                        ClientRequestId = executed.Result.ClientRequestId, Attempts = executed.Attempts, DurationMs = (long)executed.Duration.TotalMilliseconds,
                        Previous = PreviousValue.Of(op, current),
                    });
                    continue;
                }
            }

            var record = Record(desired, op, outcome, message) with
            {
                HttpStatus = executed.Result.Status == 0 ? null : executed.Result.Status,
                RequestId = executed.Result.RequestId,
                ClientRequestId = executed.Result.ClientRequestId,
                Attempts = executed.Attempts,
                DurationMs = (long)executed.Duration.TotalMilliseconds,
                Previous = PreviousValue.Of(op, current),
            };
            if (executed.Ended is { } ended)
            {
                // The answer never came (unknown) or said "not run" (429) before the stop: no "Graph said".
                record = record with { Error = ended.MayHaveLanded ? WriteOperation.OutcomeUnknown : ended.Error, HttpStatus = ended.MayHaveLanded ? null : record.HttpStatus };
                unknownMobile |= ended.MayHaveLanded && op.Method == MethodKind.Mobile;
            }
            else if (outcome == Outcome.Failed)
            {
                var (code, text) = executed.Result.Error;
                record = record with { Error = writes.RefusalError ?? "GraphError", GraphError = code, Message = $"{message} {CallResult.Said(executed.Result)}" };
                mobileFailed |= op.Method == MethodKind.Mobile;
            }

            outcomes.Add(record);
            if (record.Outcome is Outcome.Created or Outcome.Updated or Outcome.Deleted)
            {
                written.Add(new Verifier.Written(record, op, null));
            }
        }

        return written;
    }

    /// <summary>After an enable: the mobile's smsSignInState, re-read until it shows ready (read-after-write lag) — anything else is reported with the state it showed.</summary>
    private async Task<(Outcome Outcome, string Message, string? State)> ReadBackSmsAsync(string id, string message)
    {
        string? State(string body) => GraphJson.ReadPhones(body).GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState;
        var (body, ready, failed) = await _extras.ReadBack!.UntilAsync(() => requests.ListPhones(id), b => State(b) == "ready");
        if (ready)
        {
            return (Outcome.Updated, message + " Re-reading the mobile showed smsSignInState ready.", "ready");
        }

        var state = body is null ? null : State(body) ?? "no mobile registered";
        return state is null
            ? (Outcome.Updated, message + $" Re-reading the mobile to confirm failed ({failed?.Status}); check it in Entra ID.", null)
            : (Outcome.Failed, $"Graph accepted the enable, but re-reading the mobile showed smsSignInState {state}, not ready: SMS sign-in is not usable yet. Check the SMS sign-in policy and the number, then run again.", state);
    }

    /// <summary>The reads a decision without a write rests on, so its record names Graph's request ids too.</summary>
    private readonly record struct Reads(CallResult? Phones, CallResult? Email)
    {
        public AuditRecord Identify(AuditRecord r) => (r.Method == MethodKind.Email ? Email : Phones) is { } read && r.RequestId is null
            ? r with { RequestId = read.RequestId, ClientRequestId = read.ClientRequestId }
            : r;
    }

    private static AuditRecord Record(DesiredState desired, PlannedOperation op, Outcome outcome, string message) =>
        Planner.Record(desired, op.For, outcome, message);

    private static string Describe(PlannedOperation op, CurrentMethods current) => op.Kind switch
    {
        OperationKind.Create => "Would register this method.",
        OperationKind.Update => $"Would replace the registered value ({Privacy.Masking.ForDisplay(op.Method, op.Method == MethodKind.Email ? current.Email?.Address : current.Phones.GetValueOrDefault(op.Method)?.Number)}).",
        OperationKind.Delete => "Would remove this method.",
        OperationKind.EnableSmsSignIn => "Would enable SMS sign-in on the mobile phone.",
        OperationKind.IssueTap => current.Tap is { IsHeld: true } held
            ? $"Would issue a new Temporary Access Pass, replacing the one the user holds ({held.Describe()}) — --replace-tap."
            : "Would issue a Temporary Access Pass (the pass would go to the hand-off file only).",
        OperationKind.ResetPassword => "Would reset the password (Graph generates one; it would go to the hand-off file only).",
        _ => "Would disable SMS sign-in.",
    };
}

/// <summary>What apply needs beyond the phone and e-mail writes: the hand-off file, the secret writes, read-back and --verify.</summary>
internal sealed record ApplyExtras(HandoffFile? Handoff, SecretOperations? Secrets, ReadBack? ReadBack, bool Verify, VerifyStats VerifyStats)
{
    public static ApplyExtras None { get; } = new(null, null, null, false, new VerifyStats());
}
