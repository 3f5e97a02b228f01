using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods;

/// <summary>
/// A method that is one value per user (a phone number, an e-mail address): registered, replaced or removed. Everything
/// that follows from that is here — the plan (create, keep, conflict, update, delete), the write, its check, its undo —
/// and a value method only says where its value lives and how its values compare.
/// </summary>
/// <param name="removeOrder">Where its removal comes in a user's writes (an alternate goes before the mobile it needs).</param>
/// <param name="registerOrder">Where its registration comes (a mobile before the alternate that needs it).</param>
internal abstract class ValueMethod(MethodKind kind, string name, int removeOrder, int registerOrder) : ReadableMethod(kind, name)
{
    public override bool WriteFirst => true;

    /// <summary>The value the tenant holds, or null.</summary>
    public abstract string? Current(CurrentMethods current);

    /// <summary>The value a list body shows, or null.</summary>
    public abstract string? ValueIn(string body);

    /// <summary>The value as a mismatch names it, masked ("the number +44 74** ***456"); <paramref name="value"/> null: absent.</summary>
    public abstract string Shown(string? value);

    public abstract RequestInformation Create(GraphRequests requests, string id, string value);

    public abstract RequestInformation Replace(GraphRequests requests, string id, string value, CurrentMethods current);

    public abstract RequestInformation Remove(GraphRequests requests, string id, CurrentMethods current);

    public override int PlanOrder(DesiredMethod want) => want.Action == RowAction.Remove ? removeOrder : registerOrder;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        var existing = Current(plan.Current);
        if (want.Action == RowAction.Remove)
        {
            if (existing is null)
            {
                plan.Settle(want, Outcome.Unchanged, "Nothing is registered for this method; nothing to remove.");
            }
            else if (want.Value is null || Same(want.Value, existing))
            {
                plan.Write(want, OperationKind.Delete, existing);
            }
            else
            {
                plan.Settle(want, Outcome.Conflict, $"The registered value ({Mask(existing)}) is not the one the row asks to remove; nothing was removed. "
                    + "Leave the cell as * to remove whatever is registered.");
            }
        }
        else if (existing is null)
        {
            plan.Write(want, OperationKind.Create, want.Value);
        }
        else if (Same(want.Value, existing))
        {
            plan.Settle(want, Outcome.Unchanged, "Already registered with this value.");
        }
        else if (plan.OnConflict == ConflictPolicy.Update)
        {
            plan.Write(want, OperationKind.Update, want.Value);
        }
        else
        {
            plan.Settle(want, Outcome.Conflict,
                $"A different value is registered ({Mask(existing)}); it was kept. Run with --on-conflict update to replace it.");
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current) => op.Kind == OperationKind.Update
        ? $"Would replace the registered value ({(Current(current) is { } value ? Mask(value) : null)})."
        : base.Describe(op, current);

    public override string? Previous(PlannedOperation op, CurrentMethods current) => op.Kind == OperationKind.Create ? null : Current(current);

    public override RequestInformation Request(GraphRequests requests, string id, PlannedOperation op, CurrentMethods current) =>
        op.Kind == OperationKind.Create ? Create(requests, id, op.Value!)
        : op.Kind == OperationKind.Update ? Replace(requests, id, op.Value!, current)
        : Remove(requests, id, current);

    public override bool ReadBeforeResend(PlannedOperation op) => op.Kind == OperationKind.Create;

    public override bool Landed(PlannedOperation op, string body) => Same(op.Value, ValueIn(body));

    public override string DoneText(PlannedOperation op) =>
        op.Kind == OperationKind.Create ? "Registered." : op.Kind == OperationKind.Update ? "Replaced the registered value." : "Removed.";

    public override string SeenText(PlannedOperation op) => "this value registered";

    public override bool Shows(PlannedOperation op, string body, string? issuedId) =>
        op.Kind == OperationKind.Delete ? ValueIn(body) is null : Same(op.Value, ValueIn(body));

    public override string ObservedAfter(PlannedOperation op, string body) => Shown(ValueIn(body));

    // ---- Revert: a create is removed, a replaced value set back, a removed one registered again ----

    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous) => outcome switch
    {
        Outcome.Created => new RevertStep(line, user, Kind, UndoKind.Delete, value, previous, 1000 + removeOrder),
        Outcome.Updated => new RevertStep(line, user, Kind, UndoKind.Restore, value, previous, 2000),
        _ => new RevertStep(line, user, Kind, UndoKind.Recreate, value, previous, 3000 + registerOrder),
    };

    public override bool Reached(RevertStep step, CurrentMethods now) =>
        step.Kind == UndoKind.Delete ? Current(now) is null : Same(step.Previous, Current(now));

    public override string? Conflict(RevertStep step, CurrentMethods now)
    {
        var value = Current(now);
        if (step.Kind == UndoKind.Recreate)
        {
            return value is null ? null : "the method was registered again";
        }

        return Same(step.RunValue, value) ? null : value is null ? "the method was removed" : "the value was changed";
    }

    public override RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current) =>
        step.Kind == UndoKind.Delete ? Remove(requests, id, current)
        : step.Kind == UndoKind.Restore ? Replace(requests, id, step.Previous!, current)
        : Create(requests, id, step.Previous!);
}
