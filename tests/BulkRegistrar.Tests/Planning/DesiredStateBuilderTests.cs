using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Planning;

public class DesiredStateBuilderTests
{
    private const string User = "emma@contoso.com";

    private static MethodCheck Valid(AuditMethod method, string value) => new(method, value, value);

    private static MethodCheck Invalid(AuditMethod method, string input, string error) => new(method, input, null, error, $"{error} message");

    private static ValidatedRow Row(int line, params MethodCheck[] checks) => new(line, User, RowAction.Register, checks);

    private static DesiredStateBuilder.Result Build(params JudgedRow[] rows) => DesiredStateBuilder.Build(new UserRows(rows));

    [Fact]
    public void Valid_methods_go_to_the_desired_state_with_their_line()
    {
        var result = Build(new JudgedRow(Row(4, Valid(AuditMethod.Mobile, "+1 2065550100"), Valid(AuditMethod.Email, "emma@fabrikam.com"))));

        Assert.NotNull(result.Desired);
        Assert.Equal(User, result.Desired.User);
        Assert.Equal(
            [new DesiredMethod(AuditMethod.Mobile, RowAction.Register, "+1 2065550100", 4, "+1 2065550100"),
             new DesiredMethod(AuditMethod.Email, RowAction.Register, "emma@fabrikam.com", 4, "emma@fabrikam.com")],
            result.Desired.Methods);
        Assert.Empty(result.Settled);
        Assert.Empty(result.PendingRegions);
    }

    [Fact]
    public void An_invalid_cell_is_settled_as_invalid_and_the_rows_valid_cells_still_go_on()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(AuditMethod.Mobile, "12", ErrorCodes.InvalidNumber), Valid(AuditMethod.Email, "emma@fabrikam.com"))));

        var record = Assert.Single(result.Settled);
        Assert.Equal((4, AuditMethod.Mobile, Outcome.Invalid, ErrorCodes.InvalidNumber), (record.Line, record.Method, record.Outcome, record.Error));
        Assert.Equal([AuditMethod.Email], result.Desired!.Methods.Select(m => m.Method));
    }

    [Fact]
    public void A_row_level_error_is_settled_and_leaves_no_desired_state()
    {
        var row = new ValidatedRow(3, null, RowAction.Register, [], ErrorCodes.MissingUser, "No user.");

        var result = Build(new JudgedRow(row));

        Assert.Null(result.Desired);
        var record = Assert.Single(result.Settled);
        Assert.Equal((AuditMethod.None, Outcome.Invalid, ErrorCodes.MissingUser), (record.Method, record.Outcome, record.Error));
    }

    [Fact]
    public void A_repeated_row_is_settled_as_a_duplicate_and_the_first_goes_on_once()
    {
        var mobile = Valid(AuditMethod.Mobile, "+1 2065550100");

        var result = Build(
            new JudgedRow(Row(2, mobile)),
            new JudgedRow(Row(5, mobile), DuplicateOf: new Dictionary<AuditMethod, int> { [AuditMethod.Mobile] = 2 }));

        Assert.Equal([2], result.Desired!.Methods.Select(m => m.Line));
        var record = Assert.Single(result.Settled);
        Assert.Equal((5, Outcome.Skipped, ValidationRecords.DuplicateRow), (record.Line, record.Outcome, record.Error));
    }

    [Fact]
    public void Rows_that_disagree_about_a_user_are_all_settled_and_nothing_goes_on()
    {
        var result = Build(
            new JudgedRow(Row(2, Valid(AuditMethod.Mobile, "+1 2065550100")), ConflictLines: [6]),
            new JudgedRow(Row(6, Valid(AuditMethod.Mobile, "+1 2065550199")), ConflictLines: [2]));

        Assert.Null(result.Desired);
        Assert.Equal([(2, ValidationRecords.DuplicateUser), (6, ValidationRecords.DuplicateUser)], result.Settled.Select(r => (r.Line, r.Error)));
    }

    [Fact]
    public void A_number_missing_only_its_region_waits_for_the_users_usage_location()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(AuditMethod.Office, "425 555 0100", ErrorCodes.MissingRegion))));

        Assert.Empty(result.Settled);
        Assert.Empty(result.Desired!.Methods);
        Assert.Equal(User, result.Desired.User);
        var pending = Assert.Single(result.PendingRegions);
        Assert.Equal(new DesiredMethod(AuditMethod.Office, RowAction.Register, null, 4, "425 555 0100"), pending.Method);
        Assert.Equal(ErrorCodes.MissingRegion, pending.Record.Error);
    }

    [Fact]
    public void Sms_sign_in_is_skipped_when_the_rows_mobile_is_invalid()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(AuditMethod.Mobile, "12", ErrorCodes.InvalidNumber), Valid(AuditMethod.SmsSignIn, "enable"))));

        Assert.Empty(result.Desired?.Methods ?? []);
        Assert.Equal(
            [(AuditMethod.Mobile, Outcome.Invalid, ErrorCodes.InvalidNumber), (AuditMethod.SmsSignIn, Outcome.Skipped, "MobileNotRegistered")],
            result.Settled.Select(r => (r.Method, r.Outcome, r.Error)));
    }

    [Fact]
    public void Sms_sign_in_goes_on_with_a_mobile_that_only_waits_for_its_region()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(AuditMethod.Mobile, "206 555 0100", ErrorCodes.MissingRegion), Valid(AuditMethod.SmsSignIn, "enable"))));

        Assert.Empty(result.Settled);
        Assert.Equal([(AuditMethod.SmsSignIn, "enable")], result.Desired!.Methods.Select(m => (m.Method, m.Value)));
        Assert.Equal(AuditMethod.Mobile, Assert.Single(result.PendingRegions).Method.Method);
    }
}
