using BulkRegistrar.Audit;
using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Planning;
using BulkRegistrar.Tests.Methods;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Planning;

public sealed class PlanPreviewTests
{
    private const string User = "emma@contoso.com";

    private static CurrentMethods Holding(string mobile, string email) =>
        Tenant.Holding(new Dictionary<MethodKind, CurrentPhone> { [MethodKind.Mobile] = new(mobile, SmsSignInState.NotEnabled) },
            new CurrentEmail("e1", email));

    [Fact]
    public void A_replacement_names_the_registered_value_masked_never_in_full()
    {
        var current = Holding("+1 2065550199", "old.address@fabrikam.com");

        var phone = PlanPreview.Describe(new PlannedOperation(Want(MethodKind.Mobile, "+1 2065550100"), OperationKind.Update, "+1 2065550100"), current);
        var email = PlanPreview.Describe(new PlannedOperation(Want(MethodKind.Email, "new@fabrikam.com"), OperationKind.Update, "new@fabrikam.com"), current);

        Assert.StartsWith("Would replace the registered value (", phone, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550199", phone, StringComparison.Ordinal);
        Assert.Contains("99", phone, StringComparison.Ordinal);
        Assert.DoesNotContain("old.address", email, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pass_the_user_holds_is_named_when_the_new_one_would_replace_it()
    {
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var current = Tenant.Holding(tap: new CurrentTap("t1", start, start.AddHours(1), true, "EnabledByPolicy"));

        var message = PlanPreview.Describe(new PlannedOperation(Want(MethodKind.TemporaryAccessPass, null), TapMethod.Issue, null), current);

        Assert.Equal("Would issue a new Temporary Access Pass, replacing the one the user holds (valid from 2026-03-02 08:00 UTC until 2026-03-02 "
            + "09:00 UTC, EnabledByPolicy) — --replace-tap.", message);
    }

    [Theory]
    [InlineData(false, false, 0)] // a pass the user holds is kept
    [InlineData(true, false, 1)] // resume: one the interrupted run issued but could not keep is replaced
    [InlineData(true, true, 0)] // … unless the hand-off file holds it
    public void A_pass_the_interrupted_run_issued_but_could_not_keep_is_replaced_on_resume(bool mayBeLost, bool handedOff, int issued)
    {
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var current = Tenant.Holding(tap: new CurrentTap("t1", start, start.AddHours(1), true, "EnabledByPolicy"))
            .WithHandedOff(handedOff ? new HashSet<string> { TapMethod.Instance.Name } : [])
            .WithMayBeLost(mayBeLost && !handedOff ? new HashSet<string> { TapMethod.Instance.Name } : []);
        var desired = new DesiredState(User, [Want(MethodKind.TemporaryAccessPass, null)]);

        var plan = new Planner(ConflictPolicy.Skip).Plan(desired, "object-1", current);

        Assert.Equal(issued, plan.Operations.Count(o => o.Kind == TapMethod.Issue));
        Assert.Equal(1 - issued, plan.Settled.Count(r => r.Outcome == Outcome.Unchanged));
    }

    [Fact]
    public void Each_planned_write_becomes_one_record_with_the_outcome_it_would_have()
    {
        var desired = new DesiredState(User, [Want(MethodKind.Mobile, "+1 2065550100"), Want(MethodKind.Email, "e@fabrikam.com")]);
        var plan = new Planner(ConflictPolicy.Skip).Plan(desired, "object-1", CurrentMethods.None);

        var records = PlanPreview.Records(desired, plan, CurrentMethods.None).ToList();

        Assert.Equal([(MethodKind.Mobile, Outcome.WouldCreate), (MethodKind.Email, Outcome.WouldCreate)], records.Select(r => (r.Method, r.Outcome)));
        Assert.All(records, r => Assert.Equal("Would register this method.", r.Message));
    }
}
