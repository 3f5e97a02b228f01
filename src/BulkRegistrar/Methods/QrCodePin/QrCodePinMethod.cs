using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// QR code + PIN (frontline workers on shared devices; docs/graph-behaviour.md §3.6): a standard QR code with a start and an expiry, and
/// a PIN of 8–20 digits, created for the user by <c>PUT …/qrCodePinMethod</c>. The PIN (Graph's, or one of <c>--new-pins</c>) and the
/// image exist only in the 201: the PIN goes to the hand-off file only, the image to the badge sheet only. Once per user: a user who
/// holds a code that has not expired keeps it (a printed badge stays valid) unless <c>--replace-qr</c>, which deletes it first (Graph
/// allows one method per user); a user the hand-off file already has a PIN for never gets another. Reverted by deleting a method the
/// run created (a replaced one cannot come back); exported as <c>QrCodePin</c> true for a user who holds one.
/// </summary>
internal sealed partial class QrCodePinMethod() : AuthMethod(MethodKind.QrCodePin, "qrCodePin")
{
    public static QrCodePinMethod Instance { get; } = new();

    public static OperationKind Create { get; } = OperationKind.Define("CreateQrCodePin", Outcome.WouldCreate, Outcome.Created);

    /// <summary>Delete the method the user holds, then create a new one (<c>--replace-qr</c>, an expired one, or one a resume may have lost).</summary>
    public static OperationKind Replace { get; } = OperationKind.Define("ReplaceQrCodePin", Outcome.WouldUpdate, Outcome.Updated);

    public override string Noun => "the QR code + PIN";

    public override MethodList List => QrList.Instance;

    public override bool IssuesSecret => true;

    /// <summary>The methods policy's configuration for QR code + PIN (docs/graph-behaviour.md §12): disabled, or a user outside its targets, is
    /// refused before sending, as for the pass.</summary>
    public override string? PolicyConfigurationId => "qrCodePin";

    public override bool Verifiable => true;

    public override string ExportColumn => Cell.Key;

    public override IReadOnlyDictionary<string, string> Advice { get; } = new Dictionary<string, string>
    {
        [ErrorCodes.InvalidQrCodePin] = "Fix the QrCodePin, QrCodeStart or QrCodeExpiry cell (true/false; dates as yyyy-MM-dd or ISO with an offset, "
            + "the expiry after the start and at most 395 days later) and run the file again.",
        [ErrorCodes.PinNotGiven] = "Add a line for the user to the --new-pins file (UserPrincipalName,Pin), or run without --new-pins to let Graph "
            + "generate the PIN.",
        [ErrorCodes.BadgesUnwritable] = "Free space on (or fix) the badge sheet's disk, then run the file again: the users whose badge could not be "
            + "kept had their QR code deleted again.",
    };

    /// <summary>After the Temporary Access Pass (400), before the password (500).</summary>
    public override int PlanOrder(DesiredMethod want) => 450;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        if (want.Action != RowAction.Register)
        {
            return;
        }

        var held = QrList.Instance.In(plan.Current);
        if (plan.Current.HandedOff.Contains(Name))
        {
            plan.Settle(want, Outcome.Unchanged, "The hand-off file already holds a PIN of this user's QR code; not issued again (a new one would make "
                + "that badge and PIN useless).");
        }
        else if (held is not null && held.IsHeldAt(plan.Now) && !plan.Replaces(Kind) && !plan.Current.MayBeLost.Contains(Name))
        {
            plan.Settle(want, Outcome.Unchanged, $"The user already holds a QR code + PIN ({held.Describe()}); it was kept. Run with --replace-qr to "
                + "issue a new one (the old badge and PIN then stop working).");
        }
        else
        {
            plan.Write(want, held is null ? Create : Replace, want.Value);
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current)
    {
        var spec = QrSpec.Parse(op.Value);
        var window = $"valid from {(spec.Start is { } s ? QrSpec.Show(s) : "its creation")} until "
            + $"{(spec.Expiry is { } e ? QrSpec.Show(e) : "the end of the tenant policy's standard lifetime")}";
        var what = $"a QR code + PIN ({window}; the PIN would go to the hand-off file only, the QR image to the badge sheet)";
        return op.Kind == Replace && QrList.Instance.In(current) is { } held
            ? $"Would delete the user's QR code + PIN ({held.Describe()}) and create {what}."
            : $"Would create {what}.";
    }

    public override string? Previous(PlannedOperation op, CurrentMethods current) =>
        op.Kind == Replace ? QrList.Instance.In(current)?.Describe() : null;

    public override Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op) => IssueAsync(write, op);

    /// <summary>--verify: the tenant shows the method this run created (by its id).</summary>
    public override bool Shows(PlannedOperation op, string body, string? issuedId) =>
        QrList.Instance.Read(body)?.Id is { } id && string.Equals(id, issuedId, StringComparison.OrdinalIgnoreCase);

    public override string ObservedAfter(PlannedOperation op, string body) =>
        QrList.Instance.Read(body) is { } q ? $"another QR code + PIN ({q.Describe()})" : "no QR code + PIN";

    public override string? Export(CurrentMethods current) => QrList.Instance.In(current) is not null ? "true" : null;

    // ---- Revert: a method the run created is deleted, unless it was replaced since; a replaced one cannot come back ----

    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous, string? issuedId) =>
        outcome == Outcome.Created ? new RevertStep(line, user, Kind, UndoKind.Delete, value, previous, 1000) { IssuedId = issuedId } : null;

    public override bool Reached(RevertStep step, CurrentMethods now) => QrList.Instance.In(now) is null;

    public override string? Conflict(RevertStep step, CurrentMethods now) =>
        step.IssuedId is { } id && QrList.Instance.In(now) is { } held && !string.Equals(held.Id, id, StringComparison.OrdinalIgnoreCase)
            ? "the QR code + PIN was replaced since (another method id)"
            : null;

    public override RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current) =>
        QrList.At(requests, id, Method.DELETE);
}
