using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Reregister;

/// <summary>
/// The <c>reregister</c> action (a lost or replaced phone, an incident: "make these users register again"): every method the user
/// holds except the password is deleted — whatever <c>authentication/methods</c> lists, by its <c>@odata.type</c>, so a type added
/// later (or one this tool registers nowhere) is covered too — except the types <c>--keep</c> names; then their sessions are revoked
/// (<see cref="SignInSessionsMethod"/>). Each deletion is a write of its own with its own record: <c>normalized</c> names the method
/// (its path under <c>authentication/</c>), <c>previous</c> what it held (a phone's number and the e-mail address in full, which revert
/// registers again; else the device's name). Revert cannot bring back an Authenticator, passkey, Windows Hello or any other of the
/// user's own registrations: only the user registering again does.
/// </summary>
internal sealed partial class ReregisterMethod() : ReadableMethod(MethodKind.Reregister, "reregister")
{
    public static ReregisterMethod Instance { get; } = new();

    public override MethodList List => RegisteredList.Instance;

    public override bool RecordPerWrite => true;

    public override bool DeletesHeldMethods => true;

    public override string Noun => "the reregistration";

    public override IReadOnlyDictionary<string, string> Advice { get; } = new Dictionary<string, string>
    {
        [ErrorCodes.ReregisterOnly] = "A reregister row only deletes the user's methods and revokes their sessions: register the new methods in a "
            + "later run, once the deletion is done.",
        [ErrorCodes.MethodNotRemovable] = "The method was left: remove it in the Entra admin center (the user → Authentication methods), or for a "
            + "hardware OATH token, where beta endpoints are used. A default method goes once the user's other methods are gone.",
        [ErrorCodes.NotRestorable] = "The user's own registrations (Authenticator, passkeys, Windows Hello…) cannot be made by an admin: the user "
            + "registers them again.",
    };

    /// <summary>A row whose Action says reregister; its value is --keep's list (null: keep nothing but the password).</summary>
    public override MethodCheck? Check(RowCells row) => row.Action == RowAction.Reregister
        ? new MethodCheck(Kind, row.Row.Action, row.Defaults.Keep is { Count: > 0 } keep ? string.Join(",", keep) : null)
        : null;

    public override int PlanOrder(DesiredMethod want) => 150;

    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        if (want.Action != RowAction.Reregister)
        {
            return;
        }

        IReadOnlyCollection<string> keep = want.Value?.Split(',') ?? [];
        var doomed = (RegisteredList.Instance.In(plan.Current) ?? [])
            .Where(m => m.Type != MethodType.Password.Name && !m.KeptBy(keep))
            .OrderBy(DeletionOrder)
            .ToList();
        if (doomed.Count == 0)
        {
            plan.Settle(want, Outcome.Unchanged, $"Nothing to delete: the user holds no method but the password{Kept(keep)}.");
            return;
        }

        foreach (var m in doomed)
        {
            var one = want with { Value = m.Path };
            if (m.Known is null)
            {
                plan.Settle(one, Outcome.Skipped, $"Not deleted: this tool does not know how Graph removes a method of type {m.Type}; remove it in "
                    + "the Entra admin center (the user → Authentication methods).", ErrorCodes.MethodNotRemovable);
            }
            else if (m.Known.Segment is null && !(plan.Beta && m.Known == MethodType.HardwareOath))
            {
                plan.Settle(one, Outcome.Skipped, $"Not deleted: Graph removes a {m.Known.Label} only through its beta endpoint, which this run does "
                    + "not use; run again with --beta, or remove it in the Entra admin center (the user → Authentication methods).",
                    ErrorCodes.MethodNotRemovable);
            }
            else
            {
                plan.Write(one, OperationKind.Delete, m.Path);
            }
        }
    }

    public override string Describe(PlannedOperation op, CurrentMethods current)
    {
        var type = MethodType.OfPath(op.Value);
        var held = RegisteredList.At(RegisteredList.Instance.In(current), op.Value);
        var what = held?.Detail is { } detail ? $" ({Mask(detail)})" : "";
        return $"Would delete the user's {Label(op.Value)}{what}. "
            + (type is null ? "" : type.Restorable ? "Revert can register it again from this audit." : type.Irreversible);
    }

    /// <summary>What the deleted method held: a phone's number or the e-mail address in full (revert registers it again), else its name.</summary>
    public override string? Previous(PlannedOperation op, CurrentMethods current) =>
        RegisteredList.At(RegisteredList.Instance.In(current), op.Value)?.Detail;

    public override string Mask(string value) => value.Contains('@', StringComparison.Ordinal) ? Email.EmailMethod.Instance.Mask(value)
        : value.StartsWith('+') ? PhoneMask.Mask(value) : value;

    public override RequestInformation Request(GraphRequests requests, string id, PlannedOperation op, CurrentMethods current)
    {
        if (MethodType.OfPath(op.Value) == MethodType.HardwareOath)
        {
            // Beta only, planned only under --beta: the token is unassigned at its beta path (docs/graph-behaviour.md §3.7), built
            // without the SDK's v1.0 template so the transport sends it in a beta $batch.
            return HardwareOath.OathRequests.Unassign(requests, id, op.Value!.Split('/')[1]);
        }

        // The SDK's own builder for the user's methods, pointed at the method's path: one request for every type, including the
        // ones its model does not name (the emulator and Graph take DELETE on each type's collection, docs/graph-behaviour.md §3.4, §3.8).
        var info = requests.Client.Users[id].Authentication.Methods.ToGetRequestInformation();
        info.HttpMethod = Method.DELETE;
        info.URI = new Uri($"{requests.Client.RequestAdapter.BaseUrl}/users/{Uri.EscapeDataString(id)}/authentication/{op.Value}");
        return info;
    }

    public override bool ReadBeforeResend(PlannedOperation op) => false;

    public override bool Landed(PlannedOperation op, string body) => RegisteredList.At(RegisteredList.Instance.Read(body), op.Value) is null;

    public override string DoneText(PlannedOperation op) => $"Deleted the user's {Label(op.Value)}.";

    /// <summary>
    /// Graph keeps the user's default method while they hold another (docs/graph-behaviour.md §3.8): here, one this run could not
    /// delete or --keep kept; said so, with what to do.
    /// </summary>
    public override Task<(string Error, string Message)?> RefusalAsync(WriteContext write, PlannedOperation op, CallResult refused) =>
        Task.FromResult<(string, string)?>(refused.Status == 400
            && refused.Error.Message?.Contains("default method", StringComparison.OrdinalIgnoreCase) == true
            ? (ErrorCodes.MethodNotRemovable, $"Not deleted: it is the user's default method, which Graph keeps while they hold another (one this run "
                + "kept or could not delete); change the default in the Entra admin center, or delete the others and run again.")
            : null);

    /// <summary>The method a path names, for a sentence: "mobile phone", "passkey (FIDO2)".</summary>
    private static string Label(string? path)
    {
        var phone = PhoneMethod.All.FirstOrDefault(p => path?.EndsWith("/" + p.MethodId, StringComparison.OrdinalIgnoreCase) == true);
        return phone is not null ? phone.Noun["the ".Length..] : MethodType.OfPath(path)?.Label ?? "method";
    }

    public override string SeenText(PlannedOperation op) => "the method gone";

    public override bool Shows(PlannedOperation op, string body, string? issuedId) => Landed(op, body);

    public override string ObservedAfter(PlannedOperation op, string body) => "the method still listed";

    /// <summary>Graph keeps an alternate's mobile and the default method while others exist: those go last (<see cref="MethodType.Order"/>).</summary>
    private static int DeletionOrder(RegisteredMethod m)
    {
        var phone = m.PhoneType is { } p ? MethodType.PhoneTypes.ToList().IndexOf(p) : -1; // mobile 0, alternate 1, office 2
        return ((m.Known?.Order ?? 10) * 10) + (phone >= 0 ? 2 - phone : 0);
    }

    private static string Kept(IReadOnlyCollection<string> keep) => keep.Count == 0 ? "" : $" and what --keep names ({string.Join(", ", keep)})";
}
