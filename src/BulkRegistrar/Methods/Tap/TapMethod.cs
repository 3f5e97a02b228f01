using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.Tap;

/// <summary>
/// The Temporary Access Pass: issued last (after the phones it is meant to help register), once per user, and only into
/// the hand-off file. Graph replaces a user's pass silently; we do not: a user who holds one (usable, or waiting for its
/// start) keeps it unless <c>--replace-tap</c>, and a user the hand-off file already has a pass for never gets a second one.
/// A resume replaces a pass the interrupted run issued but could not keep (<see cref="CurrentMethods.MayBeLost"/>).
/// Never reverted (the old pass cannot be restored) and never exported (a pass cannot be read back).
/// </summary>
internal sealed partial class TapMethod() : AuthMethod(MethodKind.TemporaryAccessPass, "temporaryAccessPass")
{
    public static TapMethod Instance { get; } = new();

    public static OperationKind Issue { get; } = OperationKind.Define("IssueTap", Outcome.WouldIssueTap, Outcome.Created);

    public override MethodList List => TapList.Instance;

    public override bool IssuesSecret => true;

    public override bool IsTemporaryPass => true;

    public override IReadOnlyDictionary<string, string> Advice { get; } = new Dictionary<string, string>
    {
        [ErrorCodes.NoHireDate] = "TapStart hireDate needs the user's employeeHireDate: set it in HR provisioning or on the user in Entra ID, "
            + "or write the start date in TapStart, then run again.",
    };

    public override bool Verifiable => true;

    public override int PlanOrder(DesiredMethod want) => 400;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        if (want.Action != RowAction.Register)
        {
            return;
        }

        if (plan.Current.HandedOff.Contains(Name))
        {
            plan.Settle(want, Outcome.Unchanged,
                "A pass was already issued to this user and is in the hand-off file; not issued again (a second pass would make that one useless).");
        }
        else if (TapList.Instance.In(plan.Current) is { IsHeld: true } held && !plan.Replaces(Kind)
            && !plan.Current.MayBeLost.Contains(Name))
        {
            plan.Settle(want, Outcome.Unchanged, $"The user already holds a Temporary Access Pass ({held.Describe()}); it was kept. "
                + "Run with --replace-tap to issue a new one (the old one then stops working).");
        }
        else if (TapSpec.Parse(want.Value) is { FromHireDate: true } spec)
        {
            if (plan.Current.HireDate is { } hire)
            {
                plan.Write(want, Issue, spec.AtHireDate(hire, plan.Current.ReadAt ?? hire).Format());
            }
            else
            {
                plan.Settle(want, Outcome.Invalid, "TapStart says hireDate, but the user has no employeeHireDate in the tenant, so no pass was "
                    + "issued. Set the hire date on the user (HR provisioning, or the user's properties in Entra), or give TapStart a date.",
                    ErrorCodes.NoHireDate);
            }
        }
        else
        {
            plan.Write(want, Issue, want.Value);
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current) => (TapList.Instance.In(current) is { IsHeld: true } held
        ? $"Would issue a new Temporary Access Pass, replacing the one the user holds ({held.Describe()}) — --replace-tap."
        : "Would issue a Temporary Access Pass (the pass would go to the hand-off file only).") + HireDateNote(TapSpec.Parse(op.Value));

    /// <summary>TapStart hireDate: when the pass would start, and why.</summary>
    private static string HireDateNote(TapSpec spec) => spec.HireDate is not { } hire ? ""
        : spec.Start is not null
            ? $" It would start on the user's hire date, {Utc(hire)}."
            : $" It would start at once: the user's hire date, {Utc(hire)}, has passed.";

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public override Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op) => IssueAsync(write, op);

    /// <summary>--verify: the tenant shows the pass this run issued (by its id).</summary>
    public override bool Shows(PlannedOperation op, string body, string? issuedId) =>
        TapList.Instance.Read(body)?.Id is { } id && string.Equals(id, issuedId, StringComparison.OrdinalIgnoreCase);

    public override string ObservedAfter(PlannedOperation op, string body) =>
        TapList.Instance.Read(body) is { } t ? $"another pass ({t.Describe()})" : "no pass";
}
