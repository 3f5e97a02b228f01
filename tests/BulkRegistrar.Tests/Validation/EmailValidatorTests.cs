using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class EmailValidatorTests
{
    [Theory]
    [InlineData("megan.recovery@Contoso.COM", "megan.recovery@contoso.com")]
    [InlineData("Megan.Recovery@example.org", "Megan.Recovery@example.org")]
    [InlineData("o'brien+sspr@mail.example.co.uk", "o'brien+sspr@mail.example.co.uk")]
    [InlineData("mailto:megan@Example.com", "megan@example.com")] // a link copied from a signature
    [InlineData("MAILTO: megan@example.com", "megan@example.com")]
    [InlineData("megan@mail2.example.com", "megan@mail2.example.com")] // digits in a name are not an address
    [InlineData("megan@3com.com", "megan@3com.com")]
    public void Valid_address_has_its_domain_lower_cased_only(string email, string normalized)
    {
        var check = EmailValidator.Validate(email);

        Assert.Null(check.Error);
        Assert.Equal(normalized, check.Value);
    }

    [Theory]
    [InlineData("Megan <megan@example.com>", "contains '<'; write the bare address only, without a display name")]
    [InlineData("\"Megan Ray\" megan@example.com", "contains '\"'")]
    [InlineData("megan@example.com, ann@example.com", "contains ','")]
    [InlineData("<megan@example.com>", "contains '<'")]
    [InlineData("megan@example.com;ann@example.com", "contains ';'")]
    [InlineData("megan(work)@example.com", "contains '('")]
    [InlineData("megan@localhost", "needs a domain with a dot")]
    [InlineData("megan@.example.com", "has a '.' or '-' out of place in its domain")]
    [InlineData("megan@example..com", "has a '.' or '-' out of place in its domain")]
    [InlineData("megan@-example.com", "has a '.' or '-' out of place in its domain")]
    [InlineData("Megan.Ray@Example.COM.", "ends with a dot after its domain")]
    [InlineData("mailto:", "must contain exactly one '@'")]
    [InlineData("mailto:=1+2@example.com", "starts with '='")]
    [InlineData("megan.example.com", "must contain exactly one '@'")]
    [InlineData("megan@x@example.com", "must contain exactly one '@'")]
    [InlineData("megan\t@example.com", "contains a space or a control character")]
    [InlineData("megan\u200b@example.com", "contains the invisible character U+200B")]
    [InlineData("megan@exam\u00adple.com", "contains the invisible character U+00AD")]
    [InlineData("megan\u202e@example.com", "contains the invisible character U+202E")]
    [InlineData("=1+2@example.com", "starts with '='")]
    [InlineData("-megan@example.com", "starts with '-'")]
    [InlineData("@example.com", "starts with '@'")]
    [InlineData("megan..x@example.com", "is not a valid e-mail address")]
    [InlineData("megan@[192.0.2.1]", "has an IP address as its domain")] // MailAddress takes a domain literal
    [InlineData("megan@192.0.2.1", "has an IP address as its domain")]
    [InlineData("megan@[IPv6:2001:db8::1]", "has an IP address as its domain")]
    public void Broken_address_is_InvalidEmail_with_the_reason(string email, string reason)
    {
        var check = EmailValidator.Validate(email);

        Assert.Equal(ErrorCodes.InvalidEmail, check.Error);
        Assert.Null(check.Value);
        Assert.StartsWith($"The Email column {reason}", check.Message, StringComparison.Ordinal);
    }
}
