using BulkRegistrar.Audit;
using BulkRegistrar.Handoff;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// One user, start to finish, as the stages in order: resolve (<see cref="UserResolver"/>), read
/// (<see cref="CurrentMethodsReader"/>), plan (<see cref="Planner"/>, pure) and — in apply mode — execute
/// (<see cref="PlanExecutor"/>); in plan mode the plan is the answer (<see cref="PlanPreview"/>). Hundreds of
/// users run side by side, which is what fills the batches. Whatever happens on the way (user not found, a
/// failed read, an abort mid-way), every desired method ends with exactly one record (<see cref="UserRecords"/>).
/// </summary>
/// <param name="executor">The execute stage; null in plan mode, which writes nothing.</param>
/// <param name="handoff">The run's hand-off file: a user it already holds a pass for never gets a second one.</param>
/// <param name="writeFirst">Apply only: which users skip the lookup and reads and send their creates first (null: none).</param>
internal sealed class UserApplier(UserResolver resolver, CurrentMethodsReader reader, Planner planner, PlanExecutor? executor, HandoffFile? handoff = null,
    WriteFirstPolicy? writeFirst = null)
{
    public async Task<IReadOnlyList<AuditRecord>> RunAsync(UserWork input)
    {
        var records = new UserRecords(input.Desired!, input.PendingRegions);
        var eligible = executor is not null && writeFirst is not null && WriteFirstPolicy.Eligible(input);
        try
        {
            if (eligible && await writeFirst!.ChooseAsync(input))
            {
                eligible = false; // written first: not evidence for reading first, whatever happens next
                if (await GuessAsync(input.Desired!, records) is { } refused)
                {
                    writeFirst.Guessed(refused);
                    if (!refused)
                    {
                        return records.All;
                    }

                    // The guess was wrong: look the user up, read and plan what is still open, as for any user.
                }
            }

            var (user, notResolved) = await resolver.ResolveAsync(input.Desired!, input.PendingRegions);
            if (user is null)
            {
                records.SettleRest(notResolved!);
                return records.All;
            }

            records.Resolved(user);
            var (current, reads, notRead) = await reader.ReadAsync(user.Id, user.Desired);
            if (current is null)
            {
                records.SettleRest(notRead!);
                return records.All;
            }

            current = current with { TapHandedOff = handoff?.HasPassFor(user.Id, user.UserPrincipalName) ?? false };
            var plan = planner.Plan(user.Desired, user.Id, current);
            if (eligible)
            {
                // Reported before the writes: users waiting on the probe need its reads, not its writes.
                writeFirst!.Read(allNew: plan.Settled.Count == 0 && plan.Operations.All(o => o.Kind == OperationKind.Create));
                eligible = false;
            }

            records.AddRange(plan.Settled.Select(reads.Identify));
            if (executor is null)
            {
                records.AddRange(PlanPreview.Records(user.Desired, plan, current).Select(reads.Identify));
                return records.All;
            }

            // After a wrong guess, the writes that went through already have their record; a read that does not show
            // them yet (replication lag) must not send them again.
            await executor.ExecuteAsync(user, plan with { Operations = [.. plan.Operations.Where(o => !records.Has(o.For.Line, o.Method))] }, current, records);
        }
        catch (RunAbortedException e)
        {
            records.SettleRest(Outcome.Skipped, ErrorCodes.RunAborted, $"Not sent: the run was stopped. {e.Message}");
        }
        catch (OperationCanceledException)
        {
            // Only calls that never left reach here (a write that left ends in WriteOperation as OutcomeUnknown).
            records.SettleRest(Outcome.Skipped, ErrorCodes.Cancelled, "Not sent: the run was cancelled (Ctrl+C or SIGTERM). Run the file again to finish; rows already done come out Unchanged.");
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
                writeFirst!.Read(allNew: false); // ended before its plan: every eligible read-first user reports, or users waiting on the probe would wait forever
            }
        }

        return records.All;
    }

    /// <summary>
    /// Write-first: the plan for a user who has nothing yet, sent without a lookup or a read, addressed by the UPN.
    /// Sent only when that plan is all creates with nothing settled by the guess itself.
    /// </summary>
    /// <returns>True when Graph refused a create: the records of the writes that went through stand, the rest are still open.
    /// Null when nothing was sent (the guess would settle something itself, e.g. an alternate without a mobile).</returns>
    private async Task<bool?> GuessAsync(DesiredState desired, UserRecords records)
    {
        var user = new ResolvedUser(desired.User, desired.User, null, desired, []);
        var guess = planner.Plan(desired, user.Id, CurrentMethods.None);
        if (guess.Settled.Count > 0 || guess.Operations.Any(o => o.Kind != OperationKind.Create))
        {
            return null;
        }

        return await executor!.ExecuteAsync(user, guess, CurrentMethods.None, records, writeFirst: true);
    }
}
