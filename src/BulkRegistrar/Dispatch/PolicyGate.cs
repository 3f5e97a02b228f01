using BulkRegistrar.Audit;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The methods policy between the plan and the writes: each planned write whose description names a policy use
/// (<see cref="AuthMethod.PolicyFor"/>) is judged against the configuration the pre-flight read (<see cref="PolicyJudge"/>: state,
/// include and exclude targets, the user's groups), then against the configuration's own settings (<see cref="AuthMethod.FitToPolicy"/>).
/// A write the tenant would refuse is never sent: plan records it <see cref="Outcome.WouldBeRefused"/>, apply <see cref="Outcome.Skipped"/>,
/// with the policy's error code and words; a write that depends on it is not attempted either. Without a policy (not read, or the
/// run does not ask) it lets everything through, and the write-time refusals stay what they were.
/// </summary>
/// <param name="clamp">--clamp-tap-lifetime: a setting outside the policy's bounds is sent at the nearest bound instead of refused.</param>
internal sealed class PolicyGate(MemberGroupsReader groups, bool apply, bool clamp)
{
    private MethodsPolicy? _policy;
    private bool _groupsReadable;

    /// <summary>The pre-flight's reading, set once before any user is dispatched.</summary>
    public void Use(MethodsPolicy? policy, bool groupsReadable) => (_policy, _groupsReadable) = (policy, groupsReadable);

    /// <summary>The user's file asks for a method the policy governs (write-first never guesses for such a user).</summary>
    public bool Concerns(DesiredState desired) => _policy is not null && desired.Methods.Any(m => AuthMethods.Of(m.Method).PolicyConfigurationId is not null);

    /// <summary>
    /// The user's membership of the groups the planned writes' configurations target, read (checkMemberGroups) only when one of
    /// them decides by group: none when they are disabled, target all users, or there is no policy.
    /// </summary>
    private async Task<(IReadOnlySet<string>? Groups, string? Why)> GroupsAsync(MethodsPolicy policy, string userId, IEnumerable<PolicyUse> uses)
    {
        var ids = uses.SelectMany(u => PolicyJudge.GroupsToCheck(policy.Find(u.ConfigurationId), u)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0)
        {
            return (new HashSet<string>(), null);
        }

        return _groupsReadable ? await groups.ReadAsync(userId, ids) : (null, $"the app may not read group membership ({Transport.Preflight.GroupRead})");
    }

    /// <summary>The plan without the writes the policy would refuse (their records added), the others fitted to it.</summary>
    /// <returns>The plan to preview or send, and plan mode's notes per write (the policy's default lifetime…).</returns>
    public async Task<(UserPlan Plan, IReadOnlyDictionary<PlannedOperation, string> Notes)> JudgeAsync(UserPlan plan, CurrentMethods current,
        UserRecords records)
    {
        var notes = new Dictionary<PlannedOperation, string>();
        var uses = plan.Operations.Select(o => AuthMethods.Of(o.Method).PolicyFor(o)).OfType<PolicyUse>().ToList();
        if (_policy is not { } policy || uses.Count == 0)
        {
            return (plan, notes);
        }

        var (groupIds, why) = await GroupsAsync(policy, plan.ObjectId, uses);
        var kept = new List<PlannedOperation>();
        var refused = new HashSet<MethodKind>();
        foreach (var planned in plan.Operations)
        {
            var op = planned;
            var method = AuthMethods.Of(op.Method);
            if (method.NeedsFirst(op, current) is { } needed && refused.Contains(needed))
            {
                refused.Add(op.Method);
                records.Add(AuditRecords.Of(plan.User, op.For, apply ? Outcome.Skipped : Outcome.WouldBeRefused,
                    $"{(apply ? "Not attempted" : "Would not be attempted")}: it needs {AuthMethods.Of(needed).Noun}, which the tenant's policy would refuse "
                    + "(see that record).", ErrorCodes.DependencyFailed));
                continue;
            }

            if (method.PolicyFor(op) is not { } use)
            {
                kept.Add(op);
                continue;
            }

            var config = policy.Find(use.ConfigurationId);
            var verdict = PolicyJudge.Judge(config, use, plan.ObjectId, groupIds);
            var fit = verdict.Refused || config is null ? null : method.FitToPolicy(op, config, clamp);
            if (verdict.Refused || fit is { Refused: true })
            {
                refused.Add(op.Method);
                var (error, message) = verdict.Refused ? (verdict.Error!, verdict.Message!) : (fit!.Error!, fit.Message!);
                records.Add(AuditRecords.Of(plan.User, op.For, apply ? Outcome.Skipped : Outcome.WouldBeRefused,
                    apply ? $"Not sent: the tenant's policy would refuse it. {message}" : $"Would be refused by policy: {message}", error));
                continue;
            }

            var warning = verdict.Known ? fit?.Warning : $"Not predicted: {why ?? verdict.Message}.";
            if (fit?.Value is not null || warning is not null)
            {
                op = op with { Value = fit?.Value ?? op.Value, For = op.For with { Warning = Join(op.For.Warning, warning) } };
            }

            if (fit?.Note is { } note)
            {
                notes[op] = note;
            }

            kept.Add(op);
        }

        return (plan with { Operations = kept }, notes);
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a} {b}";
}
