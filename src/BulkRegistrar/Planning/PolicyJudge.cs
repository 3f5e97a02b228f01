using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// How a planned write uses the methods policy, as its method's description says (<c>AuthMethod.PolicyFor</c>): the
/// configuration that governs it and, when only some include targets let it in, which (SMS sign-in: those
/// <c>isUsableForSignIn</c>, named in sentences by <paramref name="CountsWhat"/>). <paramref name="Noun"/> names the method in sentences.
/// </summary>
internal sealed record PolicyUse(string ConfigurationId, string Noun, Func<PolicyTarget, bool>? Counts = null, string? CountsWhat = null)
{
    /// <summary>The error code of "the user is outside the configuration's targets" (a method with an established code of its own sets it).</summary>
    public string ScopeError { get; init; } = ErrorCodes.UserNotInPolicyScope;

    public bool Counted(PolicyTarget target) => Counts?.Invoke(target) ?? true;
}

/// <summary>The judgement on one write: allowed, refused (with its error code and sentence), or not known (why).</summary>
internal sealed record PolicyVerdict(bool Refused, bool Known, string? Error = null, string? Message = null)
{
    public static PolicyVerdict Allowed { get; } = new(false, true);

    public static PolicyVerdict Refuse(string error, string message) => new(true, true, error, message);

    public static PolicyVerdict Unknown(string why) => new(false, false, null, why);
}

/// <summary>
/// What the methods policy says of one write for one user: a pure function of the configuration, the user and the groups
/// they are a member of (transitively), so every rule is a unit test. Graph's rule (docs/graph-behaviour.md §12.1): a user
/// can use a method when its configuration is enabled, they are in one of its include targets and in none of its exclude
/// targets. The sentences quote the policy's own words (configuration id, state, target ids).
/// </summary>
internal static class PolicyJudge
{
    /// <param name="userId">The user's object id (a <c>user</c> target names one).</param>
    /// <param name="groups">The groups among <see cref="GroupsToCheck"/> the user is a member of; null when not read.</param>
    public static PolicyVerdict Judge(MethodConfiguration? config, PolicyUse use, string userId, IReadOnlySet<string>? groups)
    {
        var noun = use.Noun;
        if (config is null)
        {
            return PolicyVerdict.Allowed; // the policy has no such configuration: nothing to predict from
        }

        var where = $"the tenant's authentication methods policy ({config.Id})";
        if (!config.Enabled)
        {
            return PolicyVerdict.Refuse(ErrorCodes.MethodDisabledByPolicy,
                $"{Capital(noun)} is disabled in {where}: state disabled, so Graph would refuse it for every user.");
        }

        var excluded = config.Exclude.FirstOrDefault(t => Matches(t, userId, groups) == true);
        if (excluded is not null)
        {
            return PolicyVerdict.Refuse(use.ScopeError,
                $"The user is excluded from {noun} by {where}: exclude target {Describe(excluded)}.");
        }

        var included = config.Include.Where(use.Counted).ToList();
        var counted = use.CountsWhat is null ? "" : $" {use.CountsWhat}";
        if (included.Count == 0)
        {
            return PolicyVerdict.Refuse(use.ScopeError,
                $"{Capital(noun)} targets nobody in {where}: it has no include target{counted}.");
        }

        if (included.Any(t => Matches(t, userId, groups) == true))
        {
            return config.Exclude.Any(t => Matches(t, userId, groups) is null)
                ? PolicyVerdict.Unknown($"whether the user is in an exclude group of {where} is not known (group membership not read)")
                : PolicyVerdict.Allowed;
        }

        if (included.Any(t => Matches(t, userId, groups) is null) || config.Exclude.Any(t => Matches(t, userId, groups) is null))
        {
            return PolicyVerdict.Unknown($"whether the user is in the groups of {where} is not known (group membership not read)");
        }

        return PolicyVerdict.Refuse(use.ScopeError,
            $"The user is outside {noun}'s scope in {where}: a member of none of its include targets{counted} "
            + $"({string.Join(", ", included.Select(Describe))}).");
    }

    /// <summary>The group ids whose membership decides the verdict for this user (empty: the policy decides without them).</summary>
    public static IReadOnlyList<string> GroupsToCheck(MethodConfiguration? config, PolicyUse use)
    {
        if (config is not { Enabled: true })
        {
            return [];
        }

        var included = config.Include.Where(use.Counted).ToList();
        var targets = included.Any(t => t.IsAllUsers) ? config.Exclude : config.Exclude.Concat(included);
        return [.. targets.Where(t => t.IsGroup).Select(t => t.Id).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <returns>True or false when the target is decided, null when it is a group whose membership was not read.</returns>
    private static bool? Matches(PolicyTarget t, string userId, IReadOnlySet<string>? groups) =>
        t.IsAllUsers ? true
        : t.IsUser ? string.Equals(t.Id, userId, StringComparison.OrdinalIgnoreCase)
        : groups?.Contains(t.Id);

    private static string Describe(PolicyTarget t) => t.IsAllUsers ? "all_users" : $"{(t.IsUser ? "user" : "group")} {t.Id}";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

/// <summary>
/// What a method's description makes of a planned write under its configuration's settings (<c>AuthMethod.FitToPolicy</c>):
/// refused (<see cref="Error"/>, <see cref="Message"/>), or sent with another value (<see cref="Value"/>, and the
/// <see cref="Warning"/> the record carries saying what changed), or sent as planned with a <see cref="Note"/> for plan's sentence.
/// </summary>
internal sealed record PolicyFit(string? Error = null, string? Message = null, string? Value = null, string? Warning = null, string? Note = null)
{
    public bool Refused => Error is not null;
}
