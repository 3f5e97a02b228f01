namespace BulkRegistrar.Planning;

/// <summary>
/// The smallest set of writes that makes the tenant match the file for one user, in the order Graph needs them. Each
/// method's description plans its own part (<see cref="IPlanRules.Plan"/>) and says where its write comes
/// (<see cref="IPlanRules.PlanOrder"/>; the bands are listed in <c>Methods/AuthMethods</c>): SMS sign-in off and removals first,
/// alternate before mobile; then mobile before alternate mobile, office, e-mail; SMS sign-in on once the mobile is in
/// place; a pass and a password last. Pure: it reads nothing and writes nothing, so every rule is a unit test.
/// </summary>
/// <param name="replace">The methods whose credential the user holds is replaced all the same (<c>--replace-tap</c>).</param>
/// <param name="time">The clock a plan reads "now" from (<see cref="PlanContext.Now"/>); null: none.</param>
internal sealed class Planner(ConflictPolicy policy, IReadOnlySet<MethodKind>? replace = null, TimeProvider? time = null, bool beta = false)
{
    private static readonly IReadOnlySet<MethodKind> Nothing = new HashSet<MethodKind>();

    public UserPlan Plan(DesiredState desired, string objectId, CurrentMethods current)
    {
        var plan = new PlanContext(desired, current, policy, replace ?? Nothing) { Now = time?.GetUtcNow(), Beta = beta };
        foreach (var (method, want) in InOrder(desired))
        {
            method.Plan(want, plan);
        }

        return new UserPlan(desired.User, objectId, plan.Operations, plan.Settled);
    }

    /// <summary>Each method the file wants, with its description, in the order its write would go (ties: registry order).</summary>
    public static IEnumerable<(IPlanRules Method, DesiredMethod Want)> InOrder(DesiredState desired) =>
        MethodRegistry<IPlanRules>.All
            .Select(m => (Method: m, Want: desired.Find(m.Kind)))
            .Where(p => p.Want is not null)
            .Select(p => (p.Method, Want: p.Want!))
            .OrderBy(p => p.Method.PlanOrder(p.Want));
}
