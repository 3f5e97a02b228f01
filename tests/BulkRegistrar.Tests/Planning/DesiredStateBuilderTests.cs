using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Planning;

public class DesiredStateBuilderTests
{
    private const string User = "emma@contoso.com";

    private static MethodCheck Valid(MethodKind method, string value) => new(method, value, value);

    private static MethodCheck Invalid(MethodKind method, string input, string error) => new(method, input, null, error, $"{error} message");

    private static ValidatedRow Row(int line, params MethodCheck[] checks) => new(line, User, RowAction.Register, checks);

    private static UserWork Build(params JudgedRow[] rows) => DesiredStateBuilder.Build(new UserRows(rows));

    [Fact]
    public void Valid_methods_go_to_the_desired_state_with_their_line()
    {
        var result = Build(new JudgedRow(Row(4, Valid(MethodKind.Mobile, "+1 2065550100"), Valid(MethodKind.Email, "emma@fabrikam.com"))));

        Assert.NotNull(result.Desired);
        Assert.Equal(User, result.Desired.User);
        Assert.Equal(
            [new DesiredMethod(MethodKind.Mobile, RowAction.Register, "+1 2065550100", 4, "+1 2065550100"),
             new DesiredMethod(MethodKind.Email, RowAction.Register, "emma@fabrikam.com", 4, "emma@fabrikam.com")],
            result.Desired.Methods);
        Assert.Empty(result.Settled);
        Assert.Empty(result.PendingRegions);
    }

    [Fact]
    public void An_invalid_cell_is_settled_as_invalid_and_the_rows_valid_cells_still_go_on()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(MethodKind.Mobile, "12", ErrorCodes.InvalidNumber), Valid(MethodKind.Email, "emma@fabrikam.com"))));

        var record = Assert.Single(result.Settled);
        Assert.Equal((4, MethodKind.Mobile, Outcome.Invalid, ErrorCodes.InvalidNumber), (record.Line, record.Method, record.Outcome, record.Error));
        Assert.Equal([MethodKind.Email], result.Desired!.Methods.Select(m => m.Method));
    }

    [Fact]
    public void A_row_level_error_is_settled_and_leaves_no_desired_state()
    {
        var row = new ValidatedRow(3, null, RowAction.Register, [], ErrorCodes.MissingUser, "No user.");

        var result = Build(new JudgedRow(row));

        Assert.Null(result.Desired);
        var record = Assert.Single(result.Settled);
        Assert.Equal((MethodKind.None, Outcome.Invalid, ErrorCodes.MissingUser), (record.Method, record.Outcome, record.Error));
    }

    [Fact]
    public void A_repeated_row_is_settled_as_a_duplicate_and_the_first_goes_on_once()
    {
        var mobile = Valid(MethodKind.Mobile, "+1 2065550100");

        var result = Build(
            new JudgedRow(Row(2, mobile)),
            new JudgedRow(Row(5, mobile), DuplicateOf: new Dictionary<MethodKind, int> { [MethodKind.Mobile] = 2 }));

        Assert.Equal([2], result.Desired!.Methods.Select(m => m.Line));
        var record = Assert.Single(result.Settled);
        Assert.Equal((5, Outcome.Skipped, ValidationRecords.DuplicateRow), (record.Line, record.Outcome, record.Error));
    }

    [Fact]
    public void Rows_that_disagree_about_a_user_are_all_settled_and_nothing_goes_on()
    {
        var result = Build(
            new JudgedRow(Row(2, Valid(MethodKind.Mobile, "+1 2065550100")), ConflictLines: [6]),
            new JudgedRow(Row(6, Valid(MethodKind.Mobile, "+1 2065550199")), ConflictLines: [2]));

        Assert.Null(result.Desired);
        Assert.Equal([(2, ValidationRecords.DuplicateUser), (6, ValidationRecords.DuplicateUser)], result.Settled.Select(r => (r.Line, r.Error)));
    }

    [Fact]
    public void A_number_missing_only_its_region_waits_for_the_users_usage_location()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(MethodKind.Office, "425 555 0100", ErrorCodes.MissingRegion))));

        Assert.Empty(result.Settled);
        Assert.Empty(result.Desired!.Methods);
        Assert.Equal(User, result.Desired.User);
        var pending = Assert.Single(result.PendingRegions);
        Assert.Equal(new DesiredMethod(MethodKind.Office, RowAction.Register, null, 4, "425 555 0100"), pending.Method);
        Assert.Equal(ErrorCodes.MissingRegion, pending.Record.Error);
    }

    [Fact]
    public void Sms_sign_in_is_skipped_when_the_rows_mobile_is_invalid()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(MethodKind.Mobile, "12", ErrorCodes.InvalidNumber), Valid(MethodKind.SmsSignIn, "enable"))));

        Assert.Empty(result.Desired?.Methods ?? []);
        Assert.Equal(
            [(MethodKind.Mobile, Outcome.Invalid, ErrorCodes.InvalidNumber), (MethodKind.SmsSignIn, Outcome.Skipped, "MobileNotRegistered")],
            result.Settled.Select(r => (r.Method, r.Outcome, r.Error)));
    }

    [Fact]
    public void Sms_sign_in_goes_on_with_a_mobile_that_only_waits_for_its_region()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(MethodKind.Mobile, "206 555 0100", ErrorCodes.MissingRegion), Valid(MethodKind.SmsSignIn, "enable"))));

        Assert.Empty(result.Settled);
        Assert.Equal([(MethodKind.SmsSignIn, "enable")], result.Desired!.Methods.Select(m => (m.Method, m.Value)));
        Assert.Equal(MethodKind.Mobile, Assert.Single(result.PendingRegions).Method.Method);
    }
}
