namespace BulkRegistrar.Planning;

/// <summary>
/// An authentication method as the planner sees it: where its write comes among a user's, its part of the plan, and plan
/// mode's sentence. Each description in <c>Methods/</c> is one; <see cref="Planner"/> asks them through <c>MethodRegistry</c>.
/// </summary>
internal interface IPlanRules : IMethod
{
    /// <summary>Where this method's write comes among a user's writes; equal numbers keep registry order.</summary>
    int PlanOrder(DesiredMethod want);

    /// <summary>Adds what the file wants of this method to the user's plan: a write, or a record settled by reading.</summary>
    void Plan(DesiredMethod want, PlanContext plan);

    /// <summary>plan mode's sentence for a planned write.</summary>
    string Describe(PlannedOperation op, CurrentMethods current);

    /// <summary>One wish makes several writes, each with a record of its own told apart by <c>normalized</c> (reregister's deletions).</summary>
    bool RecordPerWrite { get; }
}
