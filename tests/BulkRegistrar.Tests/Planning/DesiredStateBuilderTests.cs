using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Planning;

public class DesiredStateBuilderTests
{
    private const string User = "emma@contoso.com";

    private static MethodCheck Valid(MethodKind method, string value, string? warning = null) => new(method, value, value, Warning: warning);

    private static MethodCheck Invalid(MethodKind method, string input, string error) => new(method, input, null, error, $"{error} message");

    private static ValidatedRow Row(int line, params MethodCheck[] checks) => new(line, User, RowAction.Register, checks);

    private static UserWork Build(params JudgedRow[] rows) => DesiredStateBuilder.Build(new UserRows(rows));

    [Fact]
    public void Valid_cells_go_to_the_desired_state_with_their_line_input_and_warning()
    {
        var result = Build(new JudgedRow(Row(4, Valid(MethodKind.Mobile, "+1 2065550100", "landline"), Valid(MethodKind.Email, "emma@fabrikam.com"))));

        Assert.NotNull(result.Desired);
        Assert.Equal(User, result.Desired.User);
        Assert.Equal(
            [new DesiredMethod(MethodKind.Mobile, RowAction.Register, "+1 2065550100", 4, "+1 2065550100", "landline"),
             new DesiredMethod(MethodKind.Email, RowAction.Register, "emma@fabrikam.com", 4, "emma@fabrikam.com")],
            result.Desired.Methods);
        Assert.Empty(result.Settled);
        Assert.Empty(result.PendingRegions);
    }

    [Fact]
    public void An_invalid_cell_is_settled_as_validation_judged_it_and_the_rows_valid_cells_still_go_on()
    {
        var bad = Invalid(MethodKind.Mobile, "12", ErrorCodes.InvalidNumber);

        var result = Build(new JudgedRow(Row(4, bad, Valid(MethodKind.Email, "emma@fabrikam.com"))));

        Assert.Equal(new JudgedCell(4, User, RowAction.Register, bad), Assert.Single(result.Settled));
        Assert.Equal([MethodKind.Email], result.Desired!.Methods.Select(m => m.Method));
    }

    [Fact]
    public void A_row_level_error_is_settled_as_one_none_cell_and_leaves_no_desired_state()
    {
        var row = new ValidatedRow(3, null, RowAction.Register, [], ErrorCodes.MissingUser, "No user.");

        var result = Build(new JudgedRow(row));

        Assert.Null(result.Desired);
        var cell = Assert.Single(result.Settled);
        Assert.Equal((MethodKind.None, ErrorCodes.MissingUser, false), (cell.Check.Method, cell.Check.Error, cell.Check.Skipped));
    }

    [Fact]
    public void A_repeated_row_is_settled_as_a_skipped_duplicate_and_the_first_goes_on_once()
    {
        var mobile = Valid(MethodKind.Mobile, "+1 2065550100");

        var result = Build(
            new JudgedRow(Row(2, mobile)),
            new JudgedRow(Row(5, mobile), DuplicateOf: new Dictionary<MethodKind, int> { [MethodKind.Mobile] = 2 }));

        Assert.Equal([2], result.Desired!.Methods.Select(m => m.Line));
        var cell = Assert.Single(result.Settled);
        Assert.Equal((5, true, ErrorCodes.DuplicateRow), (cell.Line, cell.Check.Skipped, cell.Check.Error));
    }

    [Fact]
    public void Rows_that_disagree_about_a_user_are_all_settled_and_nothing_goes_on()
    {
        var result = Build(
            new JudgedRow(Row(2, Valid(MethodKind.Mobile, "+1 2065550100")), ConflictLines: [6]),
            new JudgedRow(Row(6, Valid(MethodKind.Mobile, "+1 2065550199")), ConflictLines: [2]));

        Assert.Null(result.Desired);
        Assert.Equal([(2, ErrorCodes.DuplicateUser), (6, ErrorCodes.DuplicateUser)], result.Settled.Select(c => (c.Line, c.Check.Error)));
    }

    [Fact]
    public void Phone_cell_missing_region_waits_for_usage_location_without_an_audit_record()
    {
        var office = Invalid(MethodKind.Office, "425 555 0100", ErrorCodes.MissingRegion);

        var result = Build(new JudgedRow(Row(4, office)));

        Assert.Empty(result.Settled);
        Assert.Empty(result.Desired!.Methods);
        Assert.Equal(User, result.Desired.User);
        var pending = Assert.Single(result.PendingRegions);
        Assert.Equal(new DesiredMethod(MethodKind.Office, RowAction.Register, null, 4, "425 555 0100"), pending.Method);
        Assert.Equal(new JudgedCell(4, User, RowAction.Register, office), pending.Cell);
    }

    [Fact]
    public void Sms_sign_in_is_skipped_when_the_rows_mobile_is_invalid()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(MethodKind.Mobile, "12", ErrorCodes.InvalidNumber),
            Valid(MethodKind.SmsSignIn, SmsSignInNames.Enable))));

        Assert.Empty(result.Desired?.Methods ?? []);
        Assert.Equal(
            [(MethodKind.Mobile, false, ErrorCodes.InvalidNumber), (MethodKind.SmsSignIn, true, ErrorCodes.MobileNotRegistered)],
            result.Settled.Select(c => (c.Check.Method, c.Check.Skipped, c.Check.Error)));
        Assert.Equal(SmsSignInNames.Enable, result.Settled[1].Check.Normalized);
    }

    [Fact]
    public void Sms_sign_in_goes_on_typed_with_a_mobile_that_only_waits_for_its_region()
    {
        var result = Build(new JudgedRow(Row(4, Invalid(MethodKind.Mobile, "206 555 0100", ErrorCodes.MissingRegion),
            Valid(MethodKind.SmsSignIn, SmsSignInNames.Enable))));

        Assert.Empty(result.Settled);
        Assert.Equal([(MethodKind.SmsSignIn, SmsSignIn.Enable)], result.Desired!.Methods.Select(m => (m.Method, SmsSignInNames.Parse(m.Value))));
        Assert.Equal(MethodKind.Mobile, Assert.Single(result.PendingRegions).Method.Method);
    }

    [Fact]
    public void The_sms_sign_in_value_travels_as_its_word_beside_the_mobiles_number()
    {
        var result = Build(new JudgedRow(Row(4, Valid(MethodKind.Mobile, "+1 2065550100"), Valid(MethodKind.SmsSignIn, SmsSignInNames.Disable))));

        Assert.Equal(["+1 2065550100", SmsSignInNames.Disable], result.Desired!.Methods.Select(m => m.Value));
    }

    private static PendingRegion Pending(string input) =>
        new(new DesiredMethod(MethodKind.Mobile, RowAction.Register, null, 2, input),
            new JudgedCell(2, User, RowAction.Register, new MethodCheck(MethodKind.Mobile, input, null, ErrorCodes.MissingRegion, "No region.")));

    [Fact]
    public void A_number_without_a_region_is_judged_with_the_users_usage_location()
    {
        var (desired, unusable) = DesiredStateBuilder.WithRegion(new DesiredState(User, []), [Pending("07400 123456")], "GB", new RowValidator());

        var mobile = Assert.Single(desired.Methods);
        Assert.Equal("+44 7400123456", mobile.Value);
        Assert.Empty(unusable);
    }

    [Fact]
    public void Without_a_usage_location_the_pending_number_keeps_its_verdict_and_says_the_user_has_none()
    {
        var (desired, unusable) = DesiredStateBuilder.WithRegion(new DesiredState(User, []), [Pending("07400 123456")], null, new RowValidator());

        Assert.Empty(desired.Methods);
        var cell = Assert.Single(unusable).Check;
        Assert.Equal(ErrorCodes.MissingRegion, cell.Error);
        Assert.Equal("No region. The user has no usageLocation in Entra ID either.", cell.Message);
    }

    [Fact]
    public void A_pending_cell_still_invalid_in_the_users_region_names_that_region()
    {
        var (desired, unusable) = DesiredStateBuilder.WithRegion(new DesiredState(User, []), [Pending("12")], "GB", new RowValidator());

        Assert.Empty(desired.Methods);
        var cell = Assert.Single(unusable).Check;
        Assert.NotEqual(ErrorCodes.MissingRegion, cell.Error);
        Assert.Null(cell.Normalized);
        Assert.EndsWith("(Region GB is the user's usageLocation.)", cell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_the_row_gives_travels_to_the_write_and_into_no_record()
    {
        var check = Valid(MethodKind.Office, "+1 2065550100") with { Secret = "JBSWY3DPEHPK3PXP" };

        var result = Build(new JudgedRow(Row(4, check)));

        Assert.Equal("JBSWY3DPEHPK3PXP", Assert.Single(result.Desired!.Methods).Secret);
        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", BulkRegistrar.Audit.AuditRecords.Of(new JudgedCell(4, User, RowAction.Register, check)).ToString(),
            StringComparison.Ordinal);
    }
}
