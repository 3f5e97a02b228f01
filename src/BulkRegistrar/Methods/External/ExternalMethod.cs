using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.External;

/// <summary>
/// External MFA (docs/graph-behaviour.md §3.9): ties the user to an external provider configured in the tenant's methods
/// policy — <c>POST …/externalAuthenticationMethods {configurationId, displayName}</c>, admin only, one method per
/// configuration, no update. So a user who holds one of the row's configuration is <c>Unchanged</c> (whatever its name:
/// Graph cannot rename it), a create whose answer was lost is re-read before it is sent again, and revert deletes what the
/// run created (or creates again what it removed). Not personal data, so shown as it is.
/// </summary>
internal sealed partial class ExternalMethod() : ReadableMethod(MethodKind.ExternalMfa, "externalAuthentication")
{
    private const int RemoveOrder = 120;
    private const int RegisterOrder = 230;

    public static ExternalMethod Instance { get; } = new();

    public override string Noun => "the external MFA method";

    public override MethodList List => ExternalList.Instance;

    public override IReadOnlyDictionary<string, string> Advice { get; } = new Dictionary<string, string>
    {
        [ErrorCodes.InvalidExternalMfa] = "Write the external provider's configuration id (a GUID, from Entra ID → Authentication methods → Policies) "
            + "in ExternalMfaConfigurationId, and a plain name (or nothing) in ExternalMfaDisplayName.",
    };

    public override string ExportColumn => "ExternalMfaConfigurationId";

    /// <summary>One cell per user: the first configuration (by id) when a user holds several.</summary>
    public override string? Export(CurrentMethods current) =>
        ExternalList.Instance.In(current)?.Select(m => m.ConfigurationId).Order(StringComparer.OrdinalIgnoreCase).FirstOrDefault();

    public override int PlanOrder(DesiredMethod want) => want.Action == RowAction.Remove ? RemoveOrder : RegisterOrder;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        var spec = ExternalSpec.Parse(want.Value!);
        var held = spec.In(ExternalList.Instance.In(plan.Current));
        if (want.Action == RowAction.Remove)
        {
            if (held is null)
            {
                plan.Settle(want, Outcome.Unchanged, "The user holds no external MFA method of this configuration; nothing to remove.");
            }
            else
            {
                plan.Write(want, OperationKind.Delete, want.Value);
            }
        }
        else if (held is not null)
        {
            plan.Settle(want, Outcome.Unchanged, $"Already registered for this provider (as \"{held.DisplayName}\").");
        }
        else
        {
            plan.Write(want, OperationKind.Create, want.Value);
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current)
    {
        var spec = ExternalSpec.Parse(op.Value!);
        return op.Kind == OperationKind.Delete
            ? $"Would remove the external MFA method of configuration {spec.ConfigurationId}."
            : $"Would register the external MFA method of configuration {spec.ConfigurationId} as \"{spec.DisplayName ?? ExternalSpec.DefaultDisplayName}\".";
    }

    /// <summary>A removal records what was there (its name too), so revert can create it again.</summary>
    public override string? Previous(PlannedOperation op, CurrentMethods current) =>
        op.Kind == OperationKind.Delete && ExternalSpec.Parse(op.Value!).In(ExternalList.Instance.In(current)) is { } held
            ? new ExternalSpec(held.ConfigurationId, held.DisplayName).Format()
            : null;

    public override RequestInformation Request(GraphRequests requests, string id, PlannedOperation op, CurrentMethods current) =>
        op.Kind == OperationKind.Delete ? Remove(requests, id, ExternalSpec.Parse(op.Value!), current) : Create(requests, id, ExternalSpec.Parse(op.Value!));

    public override bool ReadBeforeResend(PlannedOperation op) => op.Kind == OperationKind.Create;

    public override bool Landed(PlannedOperation op, string body) => Holds(op.Value!, body) != (op.Kind == OperationKind.Delete);

    public override string DoneText(PlannedOperation op) =>
        op.Kind == OperationKind.Delete ? "Removed the external MFA method." : "Registered the external MFA method.";

    public override string SeenText(PlannedOperation op) => op.Kind == OperationKind.Delete
        ? "no external MFA method of this configuration"
        : "an external MFA method of this configuration";

    public override bool Shows(PlannedOperation op, string body, string? issuedId) => Landed(op, body);

    public override string ObservedAfter(PlannedOperation op, string body) => Holds(op.Value!, body)
        ? "an external MFA method of this configuration"
        : "no external MFA method of this configuration";

    // ---- Revert: a created method is deleted, a removed one created again with its name ----

    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous) => outcome switch
    {
        Outcome.Created => new RevertStep(line, user, Kind, UndoKind.Delete, value, previous, 1000 + RemoveOrder),
        Outcome.Deleted => new RevertStep(line, user, Kind, UndoKind.Recreate, value, previous, 3000 + RegisterOrder),
        _ => null,
    };

    public override bool Reached(RevertStep step, CurrentMethods now) => step.Kind == UndoKind.Delete
        ? ExternalSpec.Parse(step.RunValue!).In(ExternalList.Instance.In(now)) is null
        : ExternalSpec.Parse(step.Previous!).In(ExternalList.Instance.In(now)) is not null;

    public override RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current) =>
        step.Kind == UndoKind.Delete
            ? Remove(requests, id, ExternalSpec.Parse(step.RunValue!), current)
            : Create(requests, id, ExternalSpec.Parse(step.Previous!));

    private static RequestInformation Create(GraphRequests requests, string id, ExternalSpec spec) =>
        requests.Client.Users[id].Authentication.ExternalAuthenticationMethods.ToPostRequestInformation(new ExternalAuthenticationMethod
        {
            ConfigurationId = spec.ConfigurationId,
            DisplayName = spec.DisplayName ?? ExternalSpec.DefaultDisplayName,
        });

    private static RequestInformation Remove(GraphRequests requests, string id, ExternalSpec spec, CurrentMethods current) =>
        requests.Client.Users[id].Authentication.ExternalAuthenticationMethods[spec.In(ExternalList.Instance.In(current))!.Id].ToDeleteRequestInformation();

    private static bool Holds(string value, string body) => ExternalSpec.Parse(value).In(ExternalList.Instance.Read(body)) is not null;
}
