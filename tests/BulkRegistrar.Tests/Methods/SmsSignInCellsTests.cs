using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>SMS sign-in's cell: a yes/no word, and on a register row a mobile on the same row that can receive an SMS.</summary>
public class SmsSignInCellsTests
{
    private const string Adele = "adele@contoso.com";
    private readonly RowValidator _validator = new();

    [Fact]
    public void Sms_sign_in_on_a_landline_mobile_is_SmsNeedsMobile()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "020 7946 0018", SmsSignIn: "yes"), "GB");

        Assert.True(row.Methods[0].IsValid);
        Assert.Equal(MethodKind.SmsSignIn, row.Methods[1].Method);
        Assert.Equal(ErrorCodes.SmsNeedsMobile, row.Methods[1].Error);
        Assert.False(row.IsValid);
    }

    [Fact]
    public void Sms_sign_in_without_any_mobile_is_SmsNeedsMobile()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Office: "+1 425 555 0100", SmsSignIn: "enable"), null);

        Assert.Equal(new MethodCheck(MethodKind.SmsSignIn, "enable", null, ErrorCodes.SmsNeedsMobile,
            "SMS sign-in uses the mobile phone; add a MobilePhone to this row or set SmsSignIn to false."), row.Methods[1]);
    }

    [Fact]
    public void Disabling_sms_sign_in_alone_needs_no_mobile()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, SmsSignIn: "False"), null);

        Assert.True(row.IsValid);
        Assert.Equal(new MethodCheck(MethodKind.SmsSignIn, "False", "disable"), Assert.Single(row.Methods));
    }

    [Fact]
    public void Unknown_sms_sign_in_word_is_InvalidSmsSignIn()
    {
        var row = _validator.Validate(TestRow.Of(2, Adele, Mobile: "+44 7911 123456", SmsSignIn: "maybe"), null);

        Assert.Equal(ErrorCodes.InvalidSmsSignIn, row.Methods[1].Error);
    }
}
