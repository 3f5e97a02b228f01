using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>
/// A hardware OATH token (beta, behind <c>--beta</c>; docs/graph-behaviour.md §3.7): matched by serial number, in the tenant's
/// inventory and among the user's tokens. A token the user holds is <c>Unchanged</c> (activated, or assigned when not activating); one
/// they hold unactivated is activated; any other is created in the inventory already assigned, or assigned from it, then activated
/// with the code computed from its secret key (<see cref="OathWrite"/>). A token another user holds is a <c>Conflict</c>, never taken.
/// Reverting unassigns it (it stays in the inventory); export writes the serials the user holds.
/// </summary>
internal sealed partial class HardwareOathMethod() : AuthMethod(MethodKind.HardwareOath, "hardwareOath")
{
    public static HardwareOathMethod Instance { get; } = new();

    /// <summary>Into the inventory (if new), to the user, activated unless --oath-no-activate.</summary>
    public static OperationKind Assign { get; } = OperationKind.Define("AssignOath", Outcome.WouldCreate, Outcome.Created);

    /// <summary>A token the user holds, assigned but not activated: activated.</summary>
    public static OperationKind Activate { get; } = OperationKind.Define("ActivateOath", Outcome.WouldUpdate, Outcome.Updated);

    private static readonly UndoKind Unassign = new("unassign the hardware OATH token the run assigned (it stays in the inventory)", Outcome.Deleted,
        Outcome.WouldDelete, NeedsPrevious: false);

    public override string Noun => "hardware OATH token";

    public override MethodList List => OathList.Instance;

    public override bool Verifiable => true;

    public override int PlanOrder(DesiredMethod want) => 600;

    public override IReadOnlyDictionary<string, string> Advice { get; } = new Dictionary<string, string>
    {
        [ErrorCodes.InvalidOathToken] = "Fix the token's cells: a serial number, a base32 secret key of at least 16 characters, 30 or 60 seconds, "
            + "hmacsha1 or hmacsha256.",
        [ErrorCodes.BetaRequired] = "Hardware OATH tokens need --beta (Graph offers them only in beta): run the file again with --beta.",
        [ErrorCodes.OathTokenAssignedElsewhere] = "Another user holds this serial: check the file; to move the token, unassign it from that user "
            + "in Entra ID first, then run again.",
        [ErrorCodes.OathActivationFailed] = "The token is assigned but Graph refused the code computed from the file's secret key: check the key, "
            + "interval and hash (and this machine's clock), then run again — the rerun activates it.",
    };

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        var spec = OathSpec.Parse(want.Value);
        if (OathList.Held(plan.Current, spec.Serial) is not { } held)
        {
            plan.Write(want, Assign, want.Value);
        }
        else if (held.Activated || !spec.Activate)
        {
            plan.Settle(want, Outcome.Unchanged, $"The user already holds the hardware OATH token {held.Describe()}.");
        }
        else
        {
            plan.Write(want, Activate, want.Value);
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current)
    {
        var spec = OathSpec.Parse(op.Value);
        return op.Kind == Activate
            ? $"Would activate the hardware OATH token {spec.Serial} the user holds (assigned, not activated) with the code from its secret key (beta)."
            : $"Would assign the hardware OATH token {spec.Serial}, creating it in the tenant's inventory if it is not there"
                + (spec.Activate ? ", and activate it with the code from its secret key (beta)." : ", not activated (beta).")
                + " A token another user holds would be a Conflict (the inventory is read at apply).";
    }

    public override Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op) => new OathWrite(write, op).RunAsync();

    public override bool Shows(PlannedOperation op, string body, string? issuedId) =>
        OathList.Instance.Read(body)?.FirstOrDefault(t => t.Is(OathSpec.SerialOf(op.Value))) is { } t && (t.Activated || !OathSpec.Parse(op.Value).Activate);

    public override string ObservedAfter(PlannedOperation op, string body) =>
        OathList.Instance.Read(body) is { } tokens ? "the tokens " + string.Join(", ", tokens.Select(t => t.Describe())) : "no hardware OATH token";

    public override string ExportColumn => HardwareOathMethod.SerialCell.Key;

    /// <summary>The serials the user holds, space-separated (never a secret key: Graph does not return it).</summary>
    public override string? Export(CurrentMethods current) =>
        OathList.Instance.In(current) is { Count: > 0 } tokens ? string.Join(' ', tokens.Select(t => t.Serial)) : null;

    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous) =>
        outcome == Outcome.Created && value is not null ? new RevertStep(line, user, Kind, Unassign, value, previous, Order: 600) : null;

    public override bool Reached(RevertStep step, CurrentMethods now) => OathList.Held(now, OathSpec.SerialOf(step.RunValue)) is null;

    public override RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current) =>
        OathRequests.Unassign(requests, id, OathList.Held(current, OathSpec.SerialOf(step.RunValue))!.Id);
}
