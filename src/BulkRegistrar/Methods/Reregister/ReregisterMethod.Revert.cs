using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Planning;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Reregister;

/// <summary>
/// Reverting a reregistration: a deleted phone or e-mail method is registered again with the value the audit recorded
/// (<c>previous</c>), through that method's own create; every other deletion is a step revert refuses by name, because what was
/// deleted was the user's own (<see cref="NotRestorable"/>), and a pass cannot be restored.
/// </summary>
internal sealed partial class ReregisterMethod
{
    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous)
    {
        if (outcome != Outcome.Deleted)
        {
            return null;
        }

        var type = MethodType.OfPath(value);
        if (type is { Restorable: true } && Restorer(value) is { } restorer)
        {
            var order = restorer is PhoneMethod phone ? MethodType.PhoneTypes.ToList().IndexOf(phone.Name) : 2; // mobile before its alternate
            return new RevertStep(line, user, Kind, UndoKind.Recreate, value, previous, 3200 + (10 * order));
        }

        var why = $"Not reverted: the deleted {type?.Label ?? "method"} cannot be created again by an admin. "
                + (type?.Irreversible ?? MethodType.ReregisterIrreversible);
        return new RevertStep(line, user, Kind, UndoKind.Recreate, value, previous, 0) { Unrestorable = why };
    }

    public override bool Reached(RevertStep step, CurrentMethods now) =>
        Held(step, now) is { } held && Restorer(step.RunValue)!.Same(step.Previous, held.Detail);

    public override string? Conflict(RevertStep step, CurrentMethods now) => Held(step, now) is null ? null : "the method was registered again";

    public override RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current) =>
        Restorer(step.RunValue) is PhoneMethod phone
            // Graph returns a number as it was stored (+447700900123, +1 (425) 555-0100), but creates only +CC NSN: the export's canonical form.
            ? phone.Create(requests, id, SameNumber.Canonical(step.Previous) ?? step.Previous!)
            : Restorer(step.RunValue)!.Create(requests, id, step.Previous!);

    /// <summary>The value method that registers a deleted one again: a phone by its fixed id, the e-mail; null for any other path.</summary>
    private static ValueMethod? Restorer(string? path) => MethodType.OfPath(path)?.Name switch
    {
        "phone" => PhoneMethod.All.FirstOrDefault(p => path!.EndsWith("/" + p.MethodId, StringComparison.OrdinalIgnoreCase)),
        "email" => EmailMethod.Instance,
        _ => null,
    };

    /// <summary>The method of the step's type the user holds now (a phone of the same type, an e-mail), or null.</summary>
    private static RegisteredMethod? Held(RevertStep step, CurrentMethods now)
    {
        var type = MethodType.OfPath(step.RunValue);
        var phone = Restorer(step.RunValue) as PhoneMethod;
        return RegisteredList.Instance.In(now)?.FirstOrDefault(m => m.Type == type?.Name && (phone is null || m.PhoneType == phone.Name));
    }
}
