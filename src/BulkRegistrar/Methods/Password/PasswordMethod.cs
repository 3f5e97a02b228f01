using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
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

    /// <summary>True or false, never a password: a new password never comes from the CSV.</summary>
    public static MethodColumn Cell { get; } = new("ResetPassword", "ResetPassword", "Reset password");

    public override IReadOnlyList<MethodColumn> Columns => [Cell];

    public override bool IssuesSecret => true;

    /// <summary>The ResetPassword cell, or --reset-password for the rows that leave it blank.</summary>
    public override MethodCheck? Check(RowCells row)
    {
        var cell = row[Cell];
        var input = cell ?? (row.Defaults.ResetPassword ? "--reset-password" : null);
        if (input is null)
        {
            return null;
        }

        if (!CellVocabulary.TryParseSwitch(cell, row.Defaults.ResetPassword, out var reset))
        {
            return new MethodCheck(Kind, input, null, ErrorCodes.InvalidResetPassword,
                $"The ResetPassword column says '{cell}'; write true or false, or leave it empty. A new password is never read from the CSV.");
        }

        if (!reset)
        {
            return null;
        }

        return row.Action == RowAction.Remove
            ? new MethodCheck(Kind, input, null, ErrorCodes.InvalidResetPassword, "A password is reset on register rows only; this row removes methods.")
            : new MethodCheck(Kind, input, "reset");
    }

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
