using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Sms;

/// <summary>SMS sign-in's plan and undo: what the mobile's state and the file's mobile allow.</summary>
internal sealed partial class SmsSignInMethod
{
    public override void Plan(DesiredMethod want, PlanContext plan)
    {
        var state = State(plan.Current);
        var wanted = SmsSignInNames.Parse(want.Value);
        if (wanted == SmsSignIn.Disable)
        {
            if (state == SmsSignInState.Ready)
            {
                plan.Write(want, Disable, null);
            }
            else
            {
                plan.Settle(want, Outcome.Unchanged,
                    $"SMS sign-in is not ready on this user's mobile (state: {state?.ToGraph() ?? "no mobile registered"}); nothing to disable.");
            }
        }
        else if (wanted == SmsSignIn.Enable)
        {
            PlanEnable(want, plan, state);
        }
    }

    private static void PlanEnable(DesiredMethod want, PlanContext plan, SmsSignInState? state)
    {
        var mobile = plan.Desired.Find(MethodKind.Mobile);
        var mobileWritten = plan.Registers(MethodKind.Mobile);
        var registered = PhoneMethod.Mobile.Current(plan.Current) ?? "";
        if (mobile is not { Action: RowAction.Register } || (!mobileWritten && !PhoneMethod.Mobile.Same(mobile.Value!, registered)))
        {
            // SMS sign-in rides on the mobile: enabling it on a number other than the file's (a kept conflict, or a mobile
            // cell that did not survive) would turn it on for the wrong phone. Say which of the two was observed.
            plan.Settle(want, Outcome.Skipped, mobile is not { Action: RowAction.Register }
                ? "SMS sign-in was not changed because the file registers no mobile phone for this user; add the mobile first."
                : "SMS sign-in was not changed because the file's mobile number is not the one registered; resolve the mobile first.",
                ErrorCodes.MobileNotRegistered);
        }
        else if (state == SmsSignInState.Ready && !mobileWritten)
        {
            plan.Settle(want, Outcome.Unchanged, "SMS sign-in is already enabled.");
        }
        else if (!mobileWritten && Refusal(state) is { } refusal)
        {
            // The tenant already says enabling would be refused: not sent, and why (the same in plan and apply).
            plan.Settle(want, Outcome.Skipped, refusal.Message, refusal.Error);
        }
        else
        {
            plan.Write(want, Enable, null);
        }
    }

    // ---- Revert: the run's record says what it did (normalized "enable" or "disable"); the switch is turned back ----

    public override RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous) =>
        SmsSignInNames.Parse(value) == SmsSignIn.Disable
            ? new RevertStep(line, user, Kind, EnableAgain, value, previous, 4000)
            : new RevertStep(line, user, Kind, DisableAgain, value, previous, 0);

    /// <summary>
    /// Not enabled is the target of turning it off, and a user without a mobile has no SMS sign-in either: a second revert
    /// finds the mobile the run created already removed, which is as before the run.
    /// </summary>
    public override bool Reached(RevertStep step, CurrentMethods now) =>
        step.Kind == DisableAgain ? State(now) != SmsSignInState.Ready : State(now) == SmsSignInState.Ready;

    /// <summary>Any state but ready is already the target of turning it off (<see cref="Reached"/>): only ready gets here.</summary>
    public override string? Conflict(RevertStep step, CurrentMethods now) =>
        step.Kind == DisableAgain || State(now) == SmsSignInState.NotEnabled ? null : "SMS sign-in is no longer disabled (or the mobile is gone)";

    public override RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current)
    {
        var mobile = requests.Client.Users[id].Authentication.PhoneMethods[PhoneMethod.Mobile.MethodId];
        return step.Kind == DisableAgain ? mobile.DisableSmsSignIn.ToPostRequestInformation() : mobile.EnableSmsSignIn.ToPostRequestInformation();
    }
}
