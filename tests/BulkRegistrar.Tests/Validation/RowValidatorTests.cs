using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class RowValidatorTests
{
    private const string Adele = "adele@contoso.com";
    private readonly RowValidator _validator = new();

    [Fact]
    public void Mobile_number_without_country_code_uses_row_region()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "0171 1234567", Region: "DE"), "GB");

        Assert.Equal("+49 1711234567", Assert.Single(row.Methods).Normalized);
    }

    [Fact]
    public void An_alternate_mobile_that_is_the_mobile_again_is_registered_with_a_warning()
    {
        // Written two ways, the same line: compared as normalised, not as typed.
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "07911 123456", AlternateMobile: "+44 (0)7911 123 456"), "GB");

        var alternate = Assert.Single(row.Methods, m => m.Method == MethodKind.AlternateMobile);
        Assert.True(alternate.IsValid);
        Assert.Equal("+44 7911123456", alternate.Normalized);
        Assert.StartsWith("The alternate mobile is the same number as the mobile phone", alternate.Warning);
        Assert.Null(Assert.Single(row.Methods, m => m.Method == MethodKind.Mobile).Warning);
    }

    [Fact]
    public void An_alternate_mobile_of_its_own_gets_no_warning()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "07911 123456", AlternateMobile: "07911 123457"), "GB");

        Assert.All(row.Methods, m => Assert.Null(m.Warning));
    }

    [Fact]
    public void Default_region_applies_when_the_row_has_none()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "07911 123456"), "GB");

        Assert.Equal("+44 7911123456", Assert.Single(row.Methods).Normalized);
    }

    [Fact]
    public void No_row_region_and_no_default_is_MissingRegion()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "07911 123456"), null);

        Assert.Equal(ErrorCodes.MissingRegion, Assert.Single(row.Methods).Error);
        Assert.False(row.IsValid);
    }

    [Fact]
    public void Unknown_row_region_does_not_fall_back_to_the_default()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "07911 123456", Region: "Narnia"), "GB");

        Assert.Equal(ErrorCodes.InvalidRegion, Assert.Single(row.Methods).Error);
    }

    [Fact]
    public void Wide_row_yields_one_check_per_filled_column_in_method_order()
    {
        var row = _validator.Validate(
            TestRow.Of(7, Adele, Mobile: "+44 7911 123456", AlternateMobile: "+33 6 12 34 56 78",
                Office: "+1 425 555 0100 x12", Email: "adele.home@Example.com", SmsSignIn: "TRUE"), null);

        Assert.True(row.IsValid);
        Assert.Equal(7, row.Line);
        Assert.Equal(RowAction.Register, row.Action);
        Assert.Equal(
            [
                new MethodCheck(MethodKind.Mobile, "+44 7911 123456", "+44 7911123456"),
                new MethodCheck(MethodKind.AlternateMobile, "+33 6 12 34 56 78", "+33 612345678"),
                new MethodCheck(MethodKind.Office, "+1 425 555 0100 x12", "+1 4255550100x12"),
                new MethodCheck(MethodKind.Email, "adele.home@Example.com", "adele.home@example.com"),
                new MethodCheck(MethodKind.SmsSignIn, "TRUE", "enable"),
            ],
            row.Methods);
    }

    [Fact]
    public void Malformed_row_is_reported_with_the_reader_reason_and_no_methods()
    {
        var row = _validator.Validate(TestRow.Of(3, Adele, Mobile: "+44 7911 123456", Malformed: "Unterminated quote"), "GB");

        Assert.Equal(ErrorCodes.MalformedRecord, row.RowError);
        Assert.Equal("Unterminated quote", row.RowMessage);
        Assert.Empty(row.Methods);
    }

    [Theory]
    [InlineData(null, "MissingUser")]
    [InlineData("a/b@contoso.com", "InvalidUser")]
    public void Bad_user_is_a_row_error_without_method_checks(string? user, string error)
    {
        var row = _validator.Validate(TestRow.Of(4, user, Mobile: "+44 7911 123456"), null);

        Assert.Equal(error, row.RowError);
        Assert.Empty(row.Methods);
    }

    [Fact]
    public void Row_with_only_a_user_is_NothingToDo()
    {
        var row = _validator.Validate(TestRow.Of(5, Adele, Region: "GB"), "GB");

        Assert.Equal(ErrorCodes.NothingToDo, row.RowError);
        Assert.Equal(
            "The row names a user but no phone, e-mail or SMS sign-in setting; fill at least one column or remove the row.",
            row.RowMessage);
    }

    [Theory]
    [InlineData(null, "Register")]
    [InlineData("Add", "Register")]
    [InlineData("REGISTER", "Register")]
    [InlineData("remove", "Remove")]
    [InlineData("Delete", "Remove")]
    public void Action_words_are_understood(string? action, string expected)
    {
        Assert.Equal(Enum.Parse<RowAction>(expected), _validator.Validate(TestRow.Of(2, Adele, Mobile: "+44 7911 123456", Action: action), null).Action);
    }

    [Fact]
    public void Unknown_action_is_InvalidAction()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "+44 7911 123456", Action: "update"), null);

        Assert.Equal(ErrorCodes.InvalidAction, row.RowError);
        Assert.Contains("'update'", row.RowMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_with_a_star_names_the_method_without_a_number()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Office: "*", Email: "any", Action: "remove"), null);

        Assert.True(row.IsValid);
        Assert.Equal(
            [new MethodCheck(MethodKind.Office, "*", null), new MethodCheck(MethodKind.Email, "any", null)],
            row.Methods);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"+44 7400 111112\")")]
    [InlineData("@SUM(1+1)*0+447400111112")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-+447400111112")]
    [InlineData("+ 44 7400 111112")]
    [InlineData("+")]
    public void Formula_in_a_phone_cell_is_FormulaCell_whatever_digits_it_contains(string cell)
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: cell, Office: cell, PhoneNumber: cell, PhoneType: "alternateMobile"), "GB");

        Assert.Equal(3, row.Methods.Count);
        Assert.All(row.Methods, m =>
        {
            Assert.Equal(ErrorCodes.FormulaCell, m.Error);
            Assert.Null(m.Normalized);
            Assert.Contains("spreadsheet formula", m.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("+44 7400 111112")]
    [InlineData("+٤٤ ٧٤٠٠ ١١١١١٢")] // Arabic-Indic digits: a digit all the same
    [InlineData("+۴۴ ۷۴۰۰ ۱۱۱۱۱۲")] // Persian digits
    public void Phone_starting_with_plus_and_a_digit_is_not_a_formula(string cell)
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: cell), null);

        Assert.Equal("+44 7400111112", Assert.Single(row.Methods).Normalized);
    }

    [Fact]
    public void Formula_cannot_pass_as_the_name_of_a_method_to_remove()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "=cmd()", Email: "=cmd()", Action: "remove"), null);

        Assert.Equal([ErrorCodes.FormulaCell, ErrorCodes.InvalidEmail], row.Methods.Select(m => m.Error));
    }

    [Fact]
    public void Remove_with_a_number_still_checks_the_number()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "12", Action: "remove"), "GB");

        Assert.Equal(ErrorCodes.InvalidNumber, Assert.Single(row.Methods).Error);
    }

    [Theory]
    [InlineData("mobile", "Mobile")]
    [InlineData("Cell", "Mobile")]
    [InlineData("Alternate mobile", "AlternateMobile")]
    [InlineData("alternateMobile", "AlternateMobile")]
    [InlineData("business", "Office")]
    [InlineData("Work Phone", "Office")]
    public void Long_form_phone_type_names_the_method(string phoneType, string method)
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, PhoneNumber: "+1 425 555 0100", PhoneType: phoneType), null);

        Assert.Equal(new MethodCheck(Enum.Parse<MethodKind>(method), "+1 425 555 0100", "+1 4255550100"), Assert.Single(row.Methods));
    }

    [Fact]
    public void Unknown_phone_type_is_InvalidPhoneType()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, PhoneNumber: "+1 425 555 0100", PhoneType: "fax"), null);

        Assert.Equal(ErrorCodes.InvalidPhoneType, row.RowError);
        Assert.Empty(row.Methods);
    }

    [Fact]
    public void Long_form_number_without_a_type_is_InvalidPhoneType()
    {
        Assert.Equal(ErrorCodes.InvalidPhoneType, _validator.Validate(TestRow.Of(2, Adele, PhoneNumber: "+1 425 555 0100"), null).RowError);
    }

    [Fact]
    public void Long_form_type_without_a_number_is_MissingPhoneNumber_when_registering()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, PhoneType: "office"), null);

        Assert.Equal(new MethodCheck(MethodKind.Office, null, null, ErrorCodes.MissingPhoneNumber,
            "PhoneType is filled but PhoneNumber is empty; add the number or clear PhoneType."), Assert.Single(row.Methods));
    }

    [Fact]
    public void Same_number_in_both_forms_gives_one_check()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "07911 123456", PhoneNumber: "+44 7911 123456", PhoneType: "mobile"), "GB");

        Assert.Equal(new MethodCheck(MethodKind.Mobile, "07911 123456", "+44 7911123456"), Assert.Single(row.Methods));
    }

    [Fact]
    public void Different_numbers_in_both_forms_are_ConflictingPhone()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "+44 7911 123456", PhoneNumber: "+44 7400 123456", PhoneType: "Mobile"), null);

        var check = Assert.Single(row.Methods);
        Assert.Equal(ErrorCodes.ConflictingPhone, check.Error);
        Assert.Equal("MobilePhone and PhoneNumber (PhoneType mobile) hold different numbers; keep one of them.", check.Message);
    }

    [Fact]
    public void Fixed_line_mobile_is_valid_with_a_warning()
    {
        var check = Assert.Single(_validator.Validate(TestRow.Of(2, Adele, Mobile: "020 7946 0018"), "GB").Methods);

        Assert.True(check.IsValid);
        Assert.Equal(PhoneMessages.LandlineOnMobile, check.Warning);
    }

    [Fact]
    public void Invalid_email_makes_the_row_invalid_but_keeps_the_phone_check()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "+44 7911 123456", Email: "adele at home"), null);

        Assert.True(row.Methods[0].IsValid);
        Assert.Equal(ErrorCodes.InvalidEmail, row.Methods[1].Error);
        Assert.False(row.IsValid);
    }
}
