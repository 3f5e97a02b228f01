using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

/// <summary>
/// plan mode's records: each planned write as the outcome it would have (<see cref="PlannedOperation.WouldBe"/>)
/// and its method's sentence saying what apply would do (a value that would be replaced is shown masked).
/// </summary>
internal static class PlanPreview
{
    public static IEnumerable<AuditRecord> Records(DesiredState desired, UserPlan plan, CurrentMethods current) =>
        plan.Operations.Select(op => AuditRecords.Of(desired.User, op.For, op.WouldBe, Describe(op, current)));

    public static string Describe(PlannedOperation op, CurrentMethods current) => MethodRegistry<IPlanRules>.Of(op.Method).Describe(op, current);
}
