using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Sms;

/// <summary>
/// SMS sign-in: a switch on the user's mobile, not a method of its own. It is read from the phone list (the mobile's
/// <c>smsSignInState</c>), turned off before anything else and on after the mobile is in place, and only on the mobile
/// the file registers — never on a number the file did not name.
/// </summary>
internal sealed partial class SmsSignInMethod() : ReadableMethod(MethodKind.SmsSignIn, "smsSignIn")
{
    public static SmsSignInMethod Instance { get; } = new();

    public static OperationKind Enable { get; } = OperationKind.Define("EnableSmsSignIn", Outcome.WouldUpdate, Outcome.Updated);

    public static OperationKind Disable { get; } = OperationKind.Define("DisableSmsSignIn", Outcome.WouldUpdate, Outcome.Updated);

    public static UndoKind EnableAgain { get; } = new("enable again the SMS sign-in the run disabled", Outcome.Updated, Outcome.WouldUpdate, false, false);

    public static UndoKind DisableAgain { get; } = new("disable the SMS sign-in the run enabled", Outcome.Updated, Outcome.WouldUpdate, false, false);

    public static MethodColumn Cell { get; } = new("SmsSignIn", "SmsSignIn", "SMS sign-in", "EnableSmsSignIn");

    public override IReadOnlyList<MethodColumn> Columns => [Cell];

    public override MethodList List => PhoneList.Instance;

    public override string ExportColumn => Cell.Key;

    /// <summary>SMS sign-in rides on the row's mobile: with that number refused, changing it would act on whatever is registered.</summary>
    public override MethodKind? RidesOn => MethodKind.Mobile;

    public override (string Error, string Message) RiderRefused =>
        (ErrorCodes.MobileNotRegistered, "SMS sign-in was not changed because this row's mobile number is invalid; fix the mobile first.");

    public override MethodCheck? Check(RowCells row)
    {
        if (row[Cell] is not { } cell)
        {
            return null;
        }

        if (!CellVocabulary.TryParseSwitch(cell, out var on))
        {
            return new MethodCheck(Kind, cell, null, ErrorCodes.InvalidSmsSignIn,
                $"The SmsSignIn column says '{cell}'; write true or false (enable/disable, yes/no also work), or leave it empty.");
        }

        if (on && row.Action == RowAction.Register)
        {
            if (row.Checked(MethodKind.Mobile) is null)
            {
                return new MethodCheck(Kind, cell, null, ErrorCodes.SmsNeedsMobile,
                    "SMS sign-in uses the mobile phone; add a MobilePhone to this row or set SmsSignIn to false.");
            }

            // An invalid mobile is already reported on its own record; only a usable landline is news here.
            if (row.IsLandline(MethodKind.Mobile))
            {
                return new MethodCheck(Kind, cell, null, ErrorCodes.SmsNeedsMobile,
                    "SMS sign-in needs a number that receives SMS, but the MobilePhone is a landline; give a mobile number or set SmsSignIn to false.");
            }
        }

        return new MethodCheck(Kind, cell, (on ? SmsSignIn.Enable : SmsSignIn.Disable).Name());
    }

    /// <summary>Off before any removal (a mobile cannot go while SMS sign-in uses it), on after every registration.</summary>
    public override int PlanOrder(DesiredMethod want) => SmsSignInNames.Parse(want.Value) == SmsSignIn.Disable ? 0 : 300;

    /// <summary>
    /// <c>true</c>/<c>false</c> where Graph says the mobile is ready or not enabled for SMS sign-in; blank where apply could not
    /// change it (no mobile, outside the policy, number not unique): blank means "leave as is".
    /// </summary>
    public override string? Export(CurrentMethods current) => State(current) switch
    {
        SmsSignInState.Ready => "true",
        SmsSignInState.NotEnabled => "false",
        _ => null,
    };

    public override string Describe(PlannedOperation op, CurrentMethods current) =>
        op.Kind == Enable ? "Would enable SMS sign-in on the mobile phone." : "Would disable SMS sign-in.";

    /// <summary>SMS sign-in follows the SMS configuration of the methods policy (docs/graph-behaviour.md §12.3).</summary>
    public override string PolicyConfigurationId => "Sms";

    /// <summary>
    /// Only an enable needs the policy, and only the SMS include targets usable for sign-in let it in (an include target without
    /// <c>isUsableForSignIn</c> allows SMS as a second factor, not sign-in). Turning it off is never refused. Outside its targets is
    /// <c>SmsSignInNotAllowedByPolicy</c>, the code the mobile's state and Graph's refusal already give the same condition.
    /// </summary>
    public override PolicyUse? PolicyFor(PlannedOperation op) => op.Kind == Enable
        ? new PolicyUse(PolicyConfigurationId, "SMS sign-in", t => t.IsUsableForSignIn == true, "usable for sign-in")
        {
            ScopeError = ErrorCodes.SmsSignInNotAllowedByPolicy,
        }
        : null;

    /// <summary>A toggle records the mobile's state before it, which revert turns back.</summary>
    public override string? Previous(PlannedOperation op, CurrentMethods current) => State(current)?.ToGraph();

    public override MethodKind? NeedsFirst(PlannedOperation op, CurrentMethods current) => op.Kind == Enable ? MethodKind.Mobile : null;

    /// <summary>The mobile's <c>smsSignInState</c> values that mean an enable cannot succeed (docs/graph-behaviour.md §1.1).</summary>
    public static (string Error, string Message)? Refusal(SmsSignInState? state) => state switch
    {
        SmsSignInState.NotAllowedByPolicy => (ErrorCodes.SmsSignInNotAllowedByPolicy,
            "SMS sign-in is not allowed for this user by the tenant's authentication methods policy (SMS → target users); "
            + "add the user to the policy, then run again."),
        SmsSignInState.PhoneNumberNotUnique => (ErrorCodes.SmsSignInNumberNotUnique,
            "SMS sign-in cannot be enabled: this mobile number is already another user's SMS sign-in number. "
            + "Check the number, or disable SMS sign-in for the other user."),
        _ => null,
    };

    private static SmsSignInState? State(CurrentMethods current) => PhoneList.Phone(current, MethodKind.Mobile)?.SmsSignInState;

    private static SmsSignInState? State(string body) => PhoneList.Phone(body, MethodKind.Mobile)?.SmsSignInState;

    // ---- Writes ----

    public override RequestInformation Request(GraphRequests requests, string id, PlannedOperation op, CurrentMethods current)
    {
        var mobile = requests.Client.Users[id].Authentication.PhoneMethods[PhoneMethod.Mobile.MethodId];
        return op.Kind == Enable ? mobile.EnableSmsSignIn.ToPostRequestInformation() : mobile.DisableSmsSignIn.ToPostRequestInformation();
    }

    public override bool ReadBeforeResend(PlannedOperation op) => true;

    public override bool Landed(PlannedOperation op, string body) => (State(body) == SmsSignInState.Ready) == (op.Kind == Enable);

    public override string DoneText(PlannedOperation op) => op.Kind == Enable ? "SMS sign-in enabled." : "SMS sign-in disabled.";

    public override string SeenText(PlannedOperation op) =>
        op.Kind == Enable ? "SMS sign-in already ready on the mobile" : "SMS sign-in not ready on the mobile";

    /// <summary>An enable Graph refused: the same categories as the planner's skip when the tenant already says so.</summary>
    public override async Task<(string Error, string Message)?> RefusalAsync(WriteContext write, PlannedOperation op, CallResult refused)
    {
        if (op.Kind != Enable || refused.Status is not (400 or 409))
        {
            return null;
        }

        // Graph's code names the state when it says why; else the mobile's state read now does.
        var state = SmsSignInStates.FromRefusalCode(refused.Error.Code);
        if (state is null)
        {
            var read = await write.Graph.RunAsync(new GraphCall(List.Request(write.Requests, write.Id), IsWrite: false));
            state = read.Result.IsSuccess ? State(read.Result.Body!) : null;
        }

        return Refusal(state);
    }

    /// <summary>Accepted is not usable: after an enable, the mobile is re-read until it shows ready (read-after-write lag).</summary>
    public override async Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op)
    {
        var result = await base.WriteAsync(write, op);
        if (op.Kind != Enable || result.Outcome != Outcome.Updated || result.Call.Ended is not null)
        {
            return result;
        }

        var (body, ready, failed) = await write.ReadBack!.UntilAsync(
            () => List.Request(write.Requests, write.Id), b => State(b) == SmsSignInState.Ready);
        if (ready)
        {
            return result with { Message = result.Message + " Re-reading the mobile showed smsSignInState ready." };
        }

        var state = body is null ? null : State(body)?.ToGraph() ?? "no mobile registered";
        return state is null
            ? result with { Message = result.Message + $" Re-reading the mobile to confirm failed ({failed?.Status}); check it in Entra ID." }
            : new WriteResult(result.Call, Outcome.Failed, $"Graph accepted the enable, but re-reading the mobile showed smsSignInState {state}, not ready: "
                + "SMS sign-in is not usable yet. Check the SMS sign-in policy and the number, then run again.", ErrorCodes.SmsSignInNotReady);
    }

    // ---- --verify ----

    public override bool Shows(PlannedOperation op, string body, string? issuedId) => Landed(op, body);

    public override string ObservedAfter(PlannedOperation op, string body) => $"smsSignInState {State(body)?.ToGraph() ?? "(no mobile)"}";
}
