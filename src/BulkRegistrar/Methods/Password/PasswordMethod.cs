using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.Password;

/// <summary>
/// A password reset: asked for per row or for the whole file, never with a password from the CSV. Graph generates the
/// new password (it goes to the hand-off file only), or it comes from the owner-only <c>--new-passwords</c> file. It is
/// the last write of a user, never read back (Graph never shows a password), never reverted and never exported.
/// </summary>
internal sealed partial class PasswordMethod() : AuthMethod(MethodKind.Password, "password")
{
    public static PasswordMethod Instance { get; } = new();

    public static OperationKind Reset { get; } = OperationKind.Define("ResetPassword", Outcome.WouldUpdate, Outcome.Updated);

    public override bool IssuesSecret => true;

    public override int PlanOrder(DesiredMethod want) => 500;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        if (want.Action == RowAction.Register)
        {
            plan.Write(want, Reset, null);
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current) =>
        "Would reset the password (Graph generates one; it would go to the hand-off file only).";

    public override Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op) => ResetAsync(write, op);
}
