using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
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
internal sealed class UserApplier(GraphExecutor graph, GraphRequests requests, Planner planner, PhoneNormalizer phones, ChangeBudget changes, bool apply)
{
    public async Task<IReadOnlyList<AuditRecord>> RunAsync(DesiredStateBuilder.Result input)
    {
        var desired = input.Desired!;
        var outcomes = new Outcomes(desired, input.PendingRegions);
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

            await ExecuteAsync(desired, plan, current, outcomes);
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

    private async Task<(CurrentMethods? Current, Reads Reads)> ReadCurrentAsync(DesiredState desired, string id, Outcomes outcomes)
    {
        var phones = new Dictionary<AuditMethod, CurrentPhone>();
        CallResult? phonesRead = null, emailRead = null;
        if (desired.Methods.Any(m => m.Method is not AuditMethod.Email))
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
        if (desired.Find(AuditMethod.Email) is not null)
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

        return (new CurrentMethods(phones, email), new Reads(phonesRead, emailRead));
    }

    private async Task ExecuteAsync(DesiredState desired, UserPlan plan, CurrentMethods current, Outcomes outcomes)
    {
        var mobileFailed = false;
        var unknownMobile = false;
        foreach (var op in plan.Operations)
        {
            var needsMobile = op.Kind == OperationKind.EnableSmsSignIn
                || (op.Kind == OperationKind.Create && op.Method == AuditMethod.AlternateMobile && !current.Phones.ContainsKey(AuditMethod.Mobile));
            if ((mobileFailed || unknownMobile) && needsMobile)
            {
                outcomes.Add(Planner.Settle(desired, op.For, Outcome.Skipped, unknownMobile
                    ? "Not attempted: it needs the mobile phone, and whether that registration landed is unknown (see that record)."
                    : "Not attempted: it needs the mobile phone, whose registration failed (see that record).", "DependencyFailed"));
                continue;
            }

            if (!changes.TryReserve())
            {
                outcomes.Add(Planner.Settle(desired, op.For, Outcome.Skipped, $"Not attempted: the run reached --max-changes {changes.Limit} before this write.", "GuardrailReached"));
                continue;
            }

            var writes = new WriteOperation(graph, requests, plan.ObjectId, op, current);
            var (executed, outcome, message) = await writes.RunAsync();
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
                unknownMobile |= ended.MayHaveLanded && op.Method == AuditMethod.Mobile;
            }
            else if (outcome == Outcome.Failed)
            {
                var (code, text) = executed.Result.Error;
                record = record with { Error = "GraphError", GraphError = code, Message = $"{message} {CallResult.Said(executed.Result)}" };
                mobileFailed |= op.Method == AuditMethod.Mobile;
            }

            outcomes.Add(record);
        }
    }

    /// <summary>The reads a decision without a write rests on, so its record names Graph's request ids too.</summary>
    private readonly record struct Reads(CallResult? Phones, CallResult? Email)
    {
        public AuditRecord Identify(AuditRecord r) => (r.Method == AuditMethod.Email ? Email : Phones) is { } read && r.RequestId is null
            ? r with { RequestId = read.RequestId, ClientRequestId = read.ClientRequestId }
            : r;
    }

    private static AuditRecord Record(DesiredState desired, PlannedOperation op, Outcome outcome, string message) =>
        Planner.Settle(desired, op.For, outcome, message);

    private static string Describe(PlannedOperation op, CurrentMethods current) => op.Kind switch
    {
        OperationKind.Create => "Would register this method.",
        OperationKind.Update => $"Would replace the registered value ({Cli.Masking.ForDisplay(op.Method, op.Method == AuditMethod.Email ? current.Email?.Address : current.Phones.GetValueOrDefault(op.Method)?.Number)}).",
        OperationKind.Delete => "Would remove this method.",
        OperationKind.EnableSmsSignIn => "Would enable SMS sign-in on the mobile phone.",
        _ => "Would disable SMS sign-in.",
    };
}
