using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// The smallest set of writes that makes the tenant match the file for one user, in the order
/// Graph needs: SMS sign-in off and removals first (alternate before mobile, because a mobile
/// cannot be deleted while an alternate exists), then mobile before alternate mobile (an alternate
/// needs a mobile), office, e-mail, and SMS sign-in on last (it needs the mobile in place).
/// Pure: it reads nothing and writes nothing, so every rule is a unit test.
/// </summary>
internal sealed class Planner(ConflictPolicy policy, bool replaceTap = false)
{
    private static readonly MethodKind[] RemoveOrder = [MethodKind.AlternateMobile, MethodKind.Office, MethodKind.Email, MethodKind.Mobile];
    private static readonly MethodKind[] RegisterOrder = [MethodKind.Mobile, MethodKind.AlternateMobile, MethodKind.Office, MethodKind.Email];

    public UserPlan Plan(DesiredState desired, string objectId, CurrentMethods current)
    {
        var ops = new List<PlannedOperation>();
        var settled = new List<AuditRecord>();
        var sms = desired.Find(MethodKind.SmsSignIn);
        var mobileState = current.Phones.GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState;
        if (sms?.Sms == SmsSignIn.Disable)
        {
            if (mobileState == SmsSignInState.Ready)
            {
                ops.Add(new PlannedOperation(sms, OperationKind.DisableSmsSignIn, null));
            }
            else
            {
                settled.Add(Record(desired, sms, Outcome.Unchanged, $"SMS sign-in is not ready on this user's mobile (state: {mobileState?.ToGraph() ?? "no mobile registered"}); nothing to disable."));
            }
        }

        foreach (var method in RemoveOrder)
        {
            if (desired.Find(method) is { Action: RowAction.Remove } want)
            {
                PlanRemove(desired, want, Existing(current, method), ops, settled);
            }
        }

        var mobileWritten = false;
        foreach (var method in RegisterOrder)
        {
            if (desired.Find(method) is { Action: RowAction.Register } want)
            {
                var written = PlanRegister(desired, want, Existing(current, method), ops, settled);
                mobileWritten |= written && method == MethodKind.Mobile;
            }
        }

        if (sms?.Sms == SmsSignIn.Enable)
        {
            var mobile = desired.Find(MethodKind.Mobile);
            if (mobile is not { Action: RowAction.Register } || (!mobileWritten && !Same(MethodKind.Mobile, mobile.Value!, Existing(current, MethodKind.Mobile) ?? "")))
            {
                // SMS sign-in rides on the mobile: enabling it on a number other than the file's (a kept
                // conflict, or a mobile cell that did not survive) would turn it on for the wrong phone.
                // Say which of the two was observed: no mobile to register in the file, or a different one registered.
                settled.Add(Record(desired, sms, Outcome.Skipped, mobile is not { Action: RowAction.Register }
                    ? "SMS sign-in was not changed because the file registers no mobile phone for this user; add the mobile first."
                    : "SMS sign-in was not changed because the file's mobile number is not the one registered; resolve the mobile first.", ErrorCodes.MobileNotRegistered));
            }
            else if (mobileState == SmsSignInState.Ready && !mobileWritten)
            {
                settled.Add(Record(desired, sms, Outcome.Unchanged, "SMS sign-in is already enabled."));
            }
            else if (!mobileWritten && SmsRefusal(mobileState) is { } refusal)
            {
                // The tenant already says enabling would be refused: not sent, and why (the same in plan and apply).
                settled.Add(Record(desired, sms, Outcome.Skipped, refusal.Message, refusal.Error));
            }
            else
            {
                ops.Add(new PlannedOperation(sms, OperationKind.EnableSmsSignIn, null));
            }
        }

        PlanTap(desired, current, ops, settled);
        if (desired.Find(MethodKind.Password) is { Action: RowAction.Register } reset)
        {
            ops.Add(new PlannedOperation(reset, OperationKind.ResetPassword, null));
        }

        return new UserPlan(desired.User, objectId, ops, settled);
    }

    /// <summary>
    /// A pass is issued last (after the phones it is meant to help register). Graph replaces a user's
    /// pass silently; we do not: a user who holds one (usable, or waiting for its start) keeps it unless
    /// --replace-tap, and a user the hand-off file already has a pass for never gets a second one. A resume
    /// replaces a pass the interrupted run issued but could not keep (<see cref="CurrentMethods.TapMayBeLost"/>).
    /// </summary>
    private void PlanTap(DesiredState desired, CurrentMethods current, List<PlannedOperation> ops, List<AuditRecord> settled)
    {
        if (desired.Find(MethodKind.TemporaryAccessPass) is not { Action: RowAction.Register } tap)
        {
            return;
        }

        if (current.TapHandedOff)
        {
            settled.Add(Record(desired, tap, Outcome.Unchanged, "A pass was already issued to this user and is in the hand-off file; not issued again (a second pass would make that one useless)."));
        }
        else if (current.Tap is { IsHeld: true } held && !replaceTap && !current.TapMayBeLost)
        {
            settled.Add(Record(desired, tap, Outcome.Unchanged, $"The user already holds a Temporary Access Pass ({held.Describe()}); it was kept. Run with --replace-tap to issue a new one (the old one then stops working)."));
        }
        else
        {
            ops.Add(new PlannedOperation(tap, OperationKind.IssueTap, tap.Value));
        }
    }

    /// <summary>The mobile's <c>smsSignInState</c> values that mean an enable cannot succeed (docs/graph-behaviour.md §1.1).</summary>
    public static (string Error, string Message)? SmsRefusal(SmsSignInState? state) => state switch
    {
        SmsSignInState.NotAllowedByPolicy => (ErrorCodes.SmsSignInNotAllowedByPolicy,
            "SMS sign-in is not allowed for this user by the tenant's authentication methods policy (SMS → target users); add the user to the policy, then run again."),
        SmsSignInState.PhoneNumberNotUnique => (ErrorCodes.SmsSignInNumberNotUnique,
            "SMS sign-in cannot be enabled: this mobile number is already another user's SMS sign-in number. Check the number, or disable SMS sign-in for the other user."),
        _ => null,
    };

    private static string? Existing(CurrentMethods current, MethodKind method) =>
        method == MethodKind.Email ? current.Email?.Address : current.Phones.GetValueOrDefault(method)?.Number;

    private static void PlanRemove(DesiredState desired, DesiredMethod want, string? existing, List<PlannedOperation> ops, List<AuditRecord> settled)
    {
        if (existing is null)
        {
            settled.Add(Record(desired, want, Outcome.Unchanged, "Nothing is registered for this method; nothing to remove."));
        }
        else if (want.Value is null || Same(want.Method, want.Value, existing))
        {
            ops.Add(new PlannedOperation(want, OperationKind.Delete, existing));
        }
        else
        {
            settled.Add(Record(desired, want, Outcome.Conflict,
                $"The registered value ({Show(want.Method, existing)}) is not the one the row asks to remove; nothing was removed. Leave the cell as * to remove whatever is registered."));
        }
    }

    /// <returns>Whether a write is planned.</returns>
    private bool PlanRegister(DesiredState desired, DesiredMethod want, string? existing, List<PlannedOperation> ops, List<AuditRecord> settled)
    {
        if (existing is null)
        {
            ops.Add(new PlannedOperation(want, OperationKind.Create, want.Value));
            return true;
        }

        if (Same(want.Method, want.Value!, existing))
        {
            settled.Add(Record(desired, want, Outcome.Unchanged, "Already registered with this value."));
            return false;
        }

        if (policy == ConflictPolicy.Update)
        {
            ops.Add(new PlannedOperation(want, OperationKind.Update, want.Value));
            return true;
        }

        settled.Add(Record(desired, want, Outcome.Conflict,
            $"A different value is registered ({Show(want.Method, existing)}); it was kept. Run with --on-conflict update to replace it."));
        return false;
    }

    /// <summary>Whether the tenant already holds this value: e-mail case-insensitively, numbers by their parsed value.</summary>
    public static bool Same(MethodKind method, string? wanted, string? existing) => wanted is not null && existing is not null && (method == MethodKind.Email
        ? string.Equals(wanted, existing, StringComparison.OrdinalIgnoreCase)
        : SameNumber.Equal(wanted, existing));

    private static string Show(MethodKind method, string value) =>
        Privacy.Masking.ForDisplay(method, value) ?? "";

    public static AuditRecord Record(DesiredState desired, DesiredMethod want, Outcome outcome, string message, string? error = null) =>
        new(want.Line, desired.User, want.Method, want.Input, want.Value, outcome, error ?? (outcome == Outcome.Conflict ? ErrorCodes.Conflict : null), message, want.Warning);
}
