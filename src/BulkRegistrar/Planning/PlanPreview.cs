using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

/// <summary>
/// plan mode's records: each planned write as the outcome it would have (<see cref="PlannedOperation.WouldBe"/>)
/// and a sentence saying what apply would do. A value that would be replaced is shown masked.
/// </summary>
internal static class PlanPreview
{
    public static IEnumerable<AuditRecord> Records(DesiredState desired, UserPlan plan, CurrentMethods current) =>
        plan.Operations.Select(op => Planner.Record(desired, op.For, op.WouldBe, Describe(op, current)));

    public static string Describe(PlannedOperation op, CurrentMethods current) => op.Kind switch
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
