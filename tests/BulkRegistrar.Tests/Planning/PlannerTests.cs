using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Planning;

public class PlannerTests
{
    private const string User = "emma@contoso.com";
    private const string Mobile = "+1 2065550100";
    private const string OtherMobile = "+1 2065550199";
    private const string Alternate = "+1 2065550101";

    private static DesiredState Desired(params DesiredMethod[] methods) => new(User, methods);

    private static CurrentMethods Current(string? mobile = null, string? alternate = null, string? email = null, string? smsState = null)
    {
        var phones = new Dictionary<MethodKind, CurrentPhone>();
        if (mobile is not null)
        {
            phones[MethodKind.Mobile] = new CurrentPhone(mobile, SmsSignInStates.Parse(smsState));
        }

        if (alternate is not null)
        {
            phones[MethodKind.AlternateMobile] = new CurrentPhone(alternate, null);
        }

        return new CurrentMethods(phones, email is null ? null : new CurrentEmail("email-id", email));
    }

    private static UserPlan Plan(DesiredState desired, CurrentMethods current, ConflictPolicy policy = ConflictPolicy.Skip) =>
        new Planner(policy).Plan(desired, "object-1", current);

    private static List<(OperationKind, MethodKind, string?)> Ops(UserPlan plan) =>
        plan.Operations.Select(o => (o.Kind, o.Method, o.Value)).ToList();

    [Fact]
    public void An_absent_mobile_is_created()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile)), CurrentMethods.None);

        Assert.Equal([(OperationKind.Create, MethodKind.Mobile, Mobile)], Ops(plan));
        Assert.Empty(plan.Settled);
        Assert.Equal(("emma@contoso.com", "object-1"), (plan.User, plan.ObjectId));
        Assert.Equal(Outcome.WouldCreate, plan.Operations[0].WouldBe);
    }

    [Fact]
    public void The_same_number_registered_with_different_spacing_is_unchanged()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile, line: 7)), Current(mobile: "+12065550100"));

        Assert.Empty(plan.Operations);
        var record = Assert.Single(plan.Settled);
        Assert.Equal((7, User, MethodKind.Mobile, Outcome.Unchanged, (string?)null), (record.Line, record.User, record.Method, record.Outcome, record.Error));
        Assert.Equal(Mobile, record.Normalized);
    }

    [Fact]
    public void A_different_registered_number_is_a_conflict_that_shows_it_only_masked()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile)), Current(mobile: OtherMobile));

        Assert.Empty(plan.Operations);
        var record = Assert.Single(plan.Settled);
        Assert.Equal(Outcome.Conflict, record.Outcome);
        Assert.Equal("Conflict", record.Error);
        Assert.Contains($"({PhoneMask.Mask(OtherMobile)})", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550199", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_registered_number_is_updated_when_the_policy_is_update()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile)), Current(mobile: OtherMobile), ConflictPolicy.Update);

        Assert.Equal([(OperationKind.Update, MethodKind.Mobile, Mobile)], Ops(plan));
        Assert.Empty(plan.Settled);
        Assert.Equal(Outcome.Updated, plan.Operations[0].Done);
    }

    [Fact]
    public void Removing_the_registered_number_deletes_it()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile, RowAction.Remove)), Current(mobile: "+12065550100"));

        Assert.Equal([(OperationKind.Delete, MethodKind.Mobile, "+12065550100")], Ops(plan));
        Assert.Equal(Outcome.WouldDelete, plan.Operations[0].WouldBe);
    }

    [Fact]
    public void Removing_without_a_value_deletes_whatever_is_registered()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, null, RowAction.Remove)), Current(mobile: OtherMobile));

        Assert.Equal([(OperationKind.Delete, MethodKind.Mobile, OtherMobile)], Ops(plan));
    }

    [Fact]
    public void Removing_a_number_other_than_the_registered_one_is_a_conflict_and_deletes_nothing()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile, RowAction.Remove)), Current(mobile: OtherMobile), ConflictPolicy.Update);

        Assert.Empty(plan.Operations);
        var record = Assert.Single(plan.Settled);
        Assert.Equal((Outcome.Conflict, "Conflict"), (record.Outcome, record.Error));
        Assert.Contains($"({PhoneMask.Mask(OtherMobile)})", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550199", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_method_that_is_not_registered_is_unchanged()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, Mobile, RowAction.Remove)), CurrentMethods.None);

        Assert.Empty(plan.Operations);
        Assert.Equal(Outcome.Unchanged, Assert.Single(plan.Settled).Outcome);
    }

    [Fact]
    public void Alternate_mobile_is_removed_before_mobile()
    {
        var plan = Plan(
            Desired(Want(MethodKind.Mobile, null, RowAction.Remove), Want(MethodKind.AlternateMobile, null, RowAction.Remove)),
            Current(mobile: Mobile, alternate: Alternate));

        Assert.Equal([(OperationKind.Delete, MethodKind.AlternateMobile, Alternate), (OperationKind.Delete, MethodKind.Mobile, Mobile)], Ops(plan));
    }

    [Fact]
    public void Mobile_is_registered_before_alternate_mobile()
    {
        var plan = Plan(
            Desired(Want(MethodKind.AlternateMobile, Alternate), Want(MethodKind.Mobile, Mobile)),
            CurrentMethods.None);

        Assert.Equal([(OperationKind.Create, MethodKind.Mobile, Mobile), (OperationKind.Create, MethodKind.AlternateMobile, Alternate)], Ops(plan));
    }

    [Fact]
    public void Sms_sign_in_is_enabled_after_the_mobile_it_needs_is_created()
    {
        var plan = Plan(Desired(Want(MethodKind.SmsSignIn, "enable"), Want(MethodKind.Mobile, Mobile)), CurrentMethods.None);

        Assert.Equal([(OperationKind.Create, MethodKind.Mobile, Mobile), (OperationKind.EnableSmsSignIn, MethodKind.SmsSignIn, null)], Ops(plan));
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

        Assert.Equal([(OperationKind.Update, MethodKind.Mobile, Mobile), (OperationKind.EnableSmsSignIn, MethodKind.SmsSignIn, null)], Ops(plan));
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

        Assert.Equal([(OperationKind.EnableSmsSignIn, MethodKind.SmsSignIn, null)], Ops(plan));
    }

    [Fact]
    public void Sms_sign_in_is_not_enabled_on_a_mobile_kept_because_of_a_conflict()
    {
        var plan = Plan(Desired(Want(MethodKind.Mobile, "+44 7400999999"), Want(MethodKind.SmsSignIn, "enable")), Current(mobile: Mobile, smsState: "notEnabled"));

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

        Assert.Equal([(OperationKind.DisableSmsSignIn, MethodKind.SmsSignIn, null), (OperationKind.Delete, MethodKind.AlternateMobile, Alternate)], Ops(plan));
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

    [Fact]
    public void An_absent_email_is_created()
    {
        var plan = Plan(Desired(Want(MethodKind.Email, "emma@fabrikam.com")), CurrentMethods.None);

        Assert.Equal([(OperationKind.Create, MethodKind.Email, "emma@fabrikam.com")], Ops(plan));
    }

    [Fact]
    public void The_same_email_in_another_case_is_unchanged()
    {
        var plan = Plan(Desired(Want(MethodKind.Email, "emma@fabrikam.com")), Current(email: "Emma@Fabrikam.com"));

        Assert.Empty(plan.Operations);
        Assert.Equal(Outcome.Unchanged, Assert.Single(plan.Settled).Outcome);
    }

    [Fact]
    public void A_different_email_is_a_masked_conflict_or_an_update_by_policy()
    {
        var desired = Desired(Want(MethodKind.Email, "emma@fabrikam.com"));
        var current = Current(email: "old.address@fabrikam.com");

        var skipped = Plan(desired, current);
        var updated = Plan(desired, current, ConflictPolicy.Update);

        var record = Assert.Single(skipped.Settled);
        Assert.Equal(Outcome.Conflict, record.Outcome);
        Assert.Contains("(o***@fabrikam.com)", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("old.address", record.Message, StringComparison.Ordinal);
        Assert.Equal([(OperationKind.Update, MethodKind.Email, "emma@fabrikam.com")], Ops(updated));
    }
}
