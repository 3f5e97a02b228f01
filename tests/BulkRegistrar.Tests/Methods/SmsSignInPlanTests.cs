using BulkRegistrar.Audit;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Plans;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Methods;

/// <summary>SMS sign-in's plan: on only over the mobile the file registers, after it; off first; never what the tenant would refuse.</summary>
public class SmsSignInPlanTests
{
    [Fact]
    public void Sms_sign_in_is_enabled_after_the_mobile_it_needs_is_created()
    {
        var plan = Plan(Desired(Want(MethodKind.SmsSignIn, "enable"), Want(MethodKind.Mobile, Mobile)), CurrentMethods.None);

        Assert.Equal([(OperationKind.Create, MethodKind.Mobile, Mobile), (SmsSignInMethod.Enable, MethodKind.SmsSignIn, null)], Ops(plan));
        Assert.Equal(Outcome.WouldUpdate, plan.Operations[1].WouldBe);
    }

    [Fact]
    public void Sms_sign_in_already_ready_on_an_unchanged_mobile_is_unchanged()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile), Want(MethodKind.SmsSignIn, "enable")), Current(mobile: Mobile, smsState: "ready"));

        Assert.Empty(plan.Operations);
        Assert.Equal([(MethodKind.Mobile, Outcome.Unchanged), (MethodKind.SmsSignIn, Outcome.Unchanged)], plan.Settled.Select(r => (r.Method, r.Outcome)));
    }

    [Fact]
    public void Sms_sign_in_is_enabled_again_after_its_mobile_is_replaced()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile), Want(MethodKind.SmsSignIn, "enable")),
            Current(mobile: OtherMobile, smsState: "ready"), ConflictPolicy.Update);

        Assert.Equal([(OperationKind.Update, MethodKind.Mobile, Mobile), (SmsSignInMethod.Enable, MethodKind.SmsSignIn, null)], Ops(plan));
    }

    [Theory]
    [InlineData("notAllowedByPolicy", "SmsSignInNotAllowedByPolicy")]
    [InlineData("phoneNumberNotUnique", "SmsSignInNumberNotUnique")]
    public void Sms_sign_in_the_tenant_would_refuse_is_not_sent_and_says_why(string state, string error)
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile), Want(MethodKind.SmsSignIn, "enable")), Current(mobile: Mobile, smsState: state));

        Assert.Empty(plan.Operations);
        var sms = Assert.Single(plan.Settled, r => r.Method == MethodKind.SmsSignIn);
        Assert.Equal((Outcome.Skipped, error), (sms.Outcome, sms.Error));
    }

    [Fact]
    public void Sms_sign_in_not_yet_ready_is_enabled()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile), Want(MethodKind.SmsSignIn, "enable")), Current(mobile: Mobile, smsState: "notEnabled"));

        Assert.Equal([(SmsSignInMethod.Enable, MethodKind.SmsSignIn, null)], Ops(plan));
    }

    [Fact]
    public void Sms_sign_in_is_not_enabled_on_a_mobile_kept_because_of_a_conflict()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, "+44 7400999999"), Want(MethodKind.SmsSignIn, "enable")),
            Current(mobile: Mobile, smsState: "notEnabled"));

        Assert.Empty(plan.Operations);
        var sms = Assert.Single(plan.Settled, r => r.Method == MethodKind.SmsSignIn);
        Assert.Equal((Outcome.Skipped, "MobileNotRegistered"), (sms.Outcome, sms.Error));
    }

    [Fact]
    public void Sms_sign_in_is_not_enabled_when_the_rows_mobile_did_not_make_it_into_the_desired_state()
    {
        var plan = Plan(Desired(Want(MethodKind.SmsSignIn, "enable")), Current(mobile: Mobile, smsState: "notEnabled"));

        Assert.Empty(plan.Operations);
        Assert.Equal("MobileNotRegistered", Assert.Single(plan.Settled).Error);
    }

    [Fact]
    public void Sms_sign_in_is_disabled_first_when_it_is_ready()
    {
        var plan = Plan(
            Desired(Want(MethodKind.AlternateMobile, null, RowAction.Remove), Want(MethodKind.SmsSignIn, "disable", RowAction.Remove)),
            Current(mobile: Mobile, alternate: Alternate, smsState: "ready"));

        Assert.Equal([(SmsSignInMethod.Disable, MethodKind.SmsSignIn, null), (OperationKind.Delete, MethodKind.AlternateMobile, Alternate)], Ops(plan));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("notConfigured")]
    public void Sms_sign_in_that_is_not_ready_has_nothing_to_disable(string? state)
    {
        var plan = Plan(Desired(Want(MethodKind.SmsSignIn, "disable")), Current(mobile: Mobile, smsState: state));

        Assert.Empty(plan.Operations);
        Assert.Equal(Outcome.Unchanged, Assert.Single(plan.Settled).Outcome);
    }
}
