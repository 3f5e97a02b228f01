using BulkRegistrar.Audit;
using BulkRegistrar.Handoff;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// One user, start to finish, as the stages in order: resolve (<see cref="UserResolver"/>), the numbers that waited for the
/// user's usageLocation judged by validation (<see cref="DesiredStateBuilder.WithRegion"/>), read
/// (<see cref="CurrentMethodsReader"/>), plan (<see cref="Planner"/>, pure) and — in apply mode — execute
/// (<see cref="PlanExecutor"/>); in plan mode the plan is the answer (<see cref="PlanPreview"/>). Hundreds of users run side
/// by side, which is what fills the batches. Whatever happens on the way (user not found, a failed read, an abort mid-way),
/// every desired method ends with exactly one record (<see cref="UserRecords"/>).
/// </summary>
/// <param name="regions">Validation, which judges a number written without a country code once the user's usageLocation is known.</param>
/// <param name="executor">The execute stage; null in plan mode, which writes nothing.</param>
/// <param name="handoff">The run's hand-off file: a user it already holds a pass for never gets a second one.</param>
/// <param name="writeFirst">Apply only: which users skip the lookup and reads and send their creates first (null: none).</param>
/// <param name="resumed">apply --resume: what the interrupted run settled and sent.</param>
/// <param name="policy">The methods policy the pre-flight read: writes it would refuse are recorded, never sent (<see cref="PolicyGate"/>).</param>
internal sealed class UserApplier(UserResolver resolver, RowValidator regions, CurrentMethodsReader reader, Planner planner, PlanExecutor? executor,
    HandoffFile? handoff = null, WriteFirstPolicy? writeFirst = null, Resume.ResumedRecords? resumed = null, PolicyGate? policy = null)
{
    /// <param name="parked">Called when the user starts waiting to appear (Dispatch:NewUserWindow): the caller may start the next user.</param>
    public async Task<IReadOnlyList<AuditRecord>> RunAsync(UserWork input, Action? parked = null)
    {
        var desired = input.Desired!;
        var records = new UserRecords(desired, input.PendingRegions);
        var eligible = executor is not null && writeFirst is not null && WriteFirstPolicy.Eligible(input) && policy?.Concerns(desired) != true;
        try
        {
            if (eligible && await writeFirst!.ChooseAsync(input))
            {
                eligible = false; // written first: not evidence for reading first, whatever happens next
                var refused = await executor!.ExecuteAsync(new ResolvedUser(desired.User, desired.User, null), WriteFirstPolicy.Guess(desired),
                    CurrentMethods.None, records, writeFirst: true);
                writeFirst.Guessed(refused);
                if (!refused)
                {
                    return records.All;
                }

                // The guess was wrong: the writes that went through have their records; look the user up, read and plan what is
                // still open, as for any user (a read that does not show those writes yet, replication lag, cannot send them again).
                desired = desired with { Methods = [.. desired.Methods.Where(m => !records.Has(m.Line, m.Method))] };
            }

            var (user, notResolved) = await resolver.ResolveAsync(desired, () =>
            {
                if (eligible)
                {
                    // A user waiting to appear (Dispatch:NewUserWindow) must not hold up the write-first probe for the window.
                    writeFirst!.Read(allNew: false);
                    eligible = false;
                }

                parked?.Invoke();
            });
            if (user is null)
            {
                records.SettleRest(notResolved!);
                return records.All;
            }

            if (user.Waited > TimeSpan.Zero)
            {
                records.Note = $" The user appeared in the tenant only after {NewUserWindow.Say(user.Waited)} of look-ups (Dispatch:NewUserWindow).";
            }

            var (resolved, unusable) = DesiredStateBuilder.WithRegion(desired, input.PendingRegions, user.UsageLocation, regions);
            records.Resolved(resolved, unusable);
            var (current, reads, notRead) = await reader.ReadAsync(user.Id, resolved, user.HireDate);
            if (current is null)
            {
                records.SettleRest(notRead!);
                return records.All;
            }

            var handedOff = HandedOff(resolved, user);
            current = current.WithHandedOff(handedOff).WithMayBeLost(MayBeLost(resolved, handedOff));
            var plan = planner.Plan(resolved, user.Id, current);
            IReadOnlyDictionary<PlannedOperation, string> notes = new Dictionary<PlannedOperation, string>();
            if (policy is not null)
            {
                (plan, notes) = await policy.JudgeAsync(plan, current, records);
            }

            PrepareHandoff(user, plan);
            if (eligible)
            {
                // Reported before the writes: users waiting on the probe need its reads, not its writes.
                writeFirst!.Read(allNew: plan.Settled.Count == 0 && plan.Operations.All(o => o.Kind == OperationKind.Create));
                eligible = false;
            }

            records.AddRange(plan.Settled.Select(reads.Identify));
            if (executor is null)
            {
                records.AddRange(plan.Operations.Zip(PlanPreview.Records(resolved, plan, current))
                    .Select(p => notes.TryGetValue(p.First, out var note) ? p.Second.Noted(note) : p.Second).Select(reads.Identify));
                return records.All;
            }

            await executor.ExecuteAsync(user, plan, current, records);
        }
        catch (RunAbortedException e)
        {
            records.SettleRest(Outcome.Skipped, ErrorCodes.RunAborted, $"Not sent: the run was stopped. {e.Message}");
        }
        catch (OperationCanceledException)
        {
            // Only calls that never left reach here (a write that left ends in WriteOperation as OutcomeUnknown).
            records.SettleRest(Outcome.Skipped, ErrorCodes.Cancelled,
                "Not sent: the run was cancelled (Ctrl+C or SIGTERM). Run the file again to finish; rows already done come out Unchanged.");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // An answer we could not read must not lose the row: it is reported, and the run goes on.
            records.SettleRest(Outcome.Failed, ErrorCodes.UnexpectedResponse, $"Graph's answer could not be read ({e.GetType().Name}: {e.Message}).");
        }
        finally
        {
            if (eligible)
            {
                // Ended before its plan: every eligible read-first user reports, or users waiting on the probe would wait forever.
                writeFirst!.Read(allNew: false);
            }
        }

        return records.All;
    }

    /// <summary>
    /// Before any of the user's secrets is asked for, the file it goes to exists: their manager's (--handoff-by manager, the
    /// manager read with the lookup) or the secret's own encrypted one. One that cannot be made stops the secret (NotKeepable).
    /// </summary>
    private void PrepareHandoff(ResolvedUser user, UserPlan plan)
    {
        if (handoff is null || executor is null)
        {
            return;
        }

        if (handoff.ByManager)
        {
            handoff.Route(user.Id, user.Manager);
        }

        foreach (var op in plan.Operations.Where(o => AuthMethods.Of(o.Method).IssuesSecret))
        {
            handoff.PrepareFor(user.Id, user.UserPrincipalName, AuthMethods.Of(op.Method).Name);
        }
    }

    /// <summary>The secrets the run's hand-off file already holds for the user, of the methods the file asks of it.</summary>
    private HashSet<string> HandedOff(DesiredState desired, ResolvedUser user) => handoff is null ? [] :
        [.. desired.Methods.Select(m => AuthMethods.Of(m.Method))
            .Where(m => m.IssuesSecret && handoff.Holds(user.Id, user.UserPrincipalName, m.Name))
            .Select(m => m.Name)];

    /// <summary>
    /// apply --resume: the secrets (by method name) the interrupted run sent for the user without keeping its answer or hand-off
    /// line, and the hand-off file does not hold: what the user holds may be one nobody knows, so it is replaced.
    /// </summary>
    private HashSet<string> MayBeLost(DesiredState desired, HashSet<string> handedOff) => resumed is null ? [] :
        [.. desired.Methods.Select(m => (Want: m, Method: AuthMethods.Of(m.Method)))
            .Where(p => p.Method.IssuesSecret && !handedOff.Contains(p.Method.Name) && resumed.SentWithoutAnswer(p.Want.Line, p.Want.Method))
            .Select(p => p.Method.Name)];
}
