using BulkRegistrar.Audit;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Planning;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>TapStart hireDate: accepted by validation, planned from the employeeHireDate the lookup read, every instant in UTC.</summary>
public sealed class TapHireDateTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private static DesiredState Wanting(string value) =>
        new("ann@contoso.com", [new DesiredMethod(MethodKind.TemporaryAccessPass, RowAction.Register, value, 2, "true")]);

    private static UserPlan Plan(string value, DateTimeOffset? hireDate) =>
        new Planner(ConflictPolicy.Skip).Plan(Wanting(value), "object-1", Tenant.Holding().WithHireDate(hireDate, ReadAt));

    [Theory]
    [InlineData("hireDate")]
    [InlineData("HIREDATE")]
    public void TapStart_hireDate_is_valid_and_left_for_the_plan(string cell)
    {
        var tap = Assert.Single(new RowValidator(MethodDefaults.None)
            .Validate(TestRow.Of(2, "ann@contoso.com", IssueTap: "true", TapStart: cell), null).Methods);

        Assert.Null(tap.Error);
        Assert.Equal("start=hireDate", tap.Normalized);
    }

    [Fact]
    public void A_future_hire_date_is_the_passs_start_in_UTC_and_the_plan_says_so()
    {
        var hire = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(1)); // as a tenant might store it, with an offset

        var plan = Plan("start=hireDate;lifetime=480", hire);

        var op = Assert.Single(plan.Operations);
        Assert.Equal("hireDate=2027-01-04T08:00:00Z;start=2027-01-04T08:00:00Z;lifetime=480", op.Value);
        Assert.Equal(TimeSpan.Zero, TapSpec.Parse(op.Value).Start!.Value.Offset);
        Assert.EndsWith("It would start on the user's hire date, 2027-01-04 08:00 UTC.", TapMethod.Instance.Describe(op, CurrentMethods.None),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_hire_date_that_has_passed_starts_the_pass_now()
    {
        var plan = Plan("start=hireDate", new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));

        var op = Assert.Single(plan.Operations);
        var spec = TapSpec.Parse(op.Value);
        Assert.Null(spec.Start); // Graph's default: now
        Assert.EndsWith("It would start at once: the user's hire date, 2026-09-01 08:00 UTC, has passed.",
            TapMethod.Instance.Describe(op, CurrentMethods.None), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_hire_date_gets_no_pass_and_an_Invalid_record_saying_why()
    {
        var plan = Plan("start=hireDate", hireDate: null);

        Assert.Empty(plan.Operations);
        var record = Assert.Single(plan.Settled);
        Assert.Equal((Outcome.Invalid, ErrorCodes.NoHireDate), (record.Outcome, record.Error));
        Assert.Contains("no employeeHireDate", record.Message, StringComparison.Ordinal);
        Assert.True(TapMethod.Instance.Advice.ContainsKey(ErrorCodes.NoHireDate));
    }

    [Fact]
    public void A_start_given_with_an_offset_is_sent_in_UTC()
    {
        var check = Assert.Single(new RowValidator(MethodDefaults.None)
            .Validate(TestRow.Of(2, "ann@contoso.com", IssueTap: "true", TapStart: "2027-03-14T03:30:00-04:00"), null).Methods);

        Assert.Equal("start=2027-03-14T07:30:00Z", check.Normalized);
        var body = TapBody(TapSpec.Parse(check.Normalized));
        Assert.Contains("\"startDateTime\":\"2027-03-14T07:30:00+00:00\"", body, StringComparison.Ordinal);
    }

    /// <summary>The JSON the SDK would send for the pass.</summary>
    private static string TapBody(TapSpec spec)
    {
        var requests = new BulkRegistrar.Graph.GraphRequests(new Microsoft.Graph.GraphServiceClient(new HttpClient(),
            new Microsoft.Kiota.Abstractions.Authentication.AnonymousAuthenticationProvider()));
        using var reader = new StreamReader(TapMethod.Create(requests, "object-1", spec).Content);
        return reader.ReadToEnd();
    }
}
