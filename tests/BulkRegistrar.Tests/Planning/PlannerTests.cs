using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Plans;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Planning;

/// <summary>The value methods' plans (phones and e-mail) and their order; SMS sign-in's are in SmsSignInPlanTests.</summary>
public class PlannerTests
{
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
