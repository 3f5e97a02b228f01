using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class UserIdValidatorTests
{
    [Theory]
    [InlineData("adele.vance@contoso.com")]
    [InlineData("guest_fabrikam.com#EXT#@contoso.onmicrosoft.com")]
    [InlineData("$admin@contoso.com")]
    [InlineData("o'brien@contoso.com")]
    [InlineData("4f1d2c3b-8a9e-4b7c-9d10-2e3f4a5b6c7d")]
    [InlineData("4F1D2C3B-8A9E-4B7C-9D10-2E3F4A5B6C7D")]
    public void Upn_guest_dollar_apostrophe_and_object_id_are_accepted(string user)
    {
        var check = UserIdValidator.Validate(user);

        Assert.Null(check.Error);
        Assert.Equal(user, check.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Empty_user_is_MissingUser(string? user)
    {
        Assert.Equal(ErrorCodes.MissingUser, UserIdValidator.Validate(user).Error);
    }

    [Theory]
    [InlineData("a/b@contoso.com", "contains '/'")]
    [InlineData("a\\b@contoso.com", "contains '\\'")]
    [InlineData("a?b@contoso.com", "contains '?'")]
    [InlineData("a%20b@contoso.com", "contains '%'")]
    [InlineData("a#b@contoso.com", "contains '#' outside the '#EXT#@' guest marker")]
    [InlineData("a#EXT#b@contoso.com", "contains '#' outside the '#EXT#@' guest marker")]
    [InlineData("a\tb@contoso.com", "contains the control character U+0009")]
    [InlineData("a\nb@contoso.com", "contains the control character U+000A")]
    [InlineData("a\u0000b@contoso.com", "contains the control character U+0000")]
    [InlineData("a b@contoso.com", "contains a space")]
    [InlineData("a\u00a0b@contoso.com", "contains a space")]
    [InlineData("a\u200bb@contoso.com", "contains the invisible character U+200B")]
    [InlineData("a\u202eb@contoso.com", "contains the invisible character U+202E")]
    [InlineData("\u0430dele@contoso.com", "contains '\u0430'; user principal names are plain ASCII")]
    [InlineData("=HYPERLINK(\"http://x\")", "starts with '='")]
    [InlineData("@contoso.com", "starts with '@'")]
    [InlineData("+adele@contoso.com", "starts with '+'")]
    [InlineData("-2+3@contoso.com", "starts with '-'")]
    [InlineData("adele.vance", "is neither a user principal name")]
    [InlineData("adele@", "has no valid domain after '@'")]
    [InlineData("adele@contoso", "has no valid domain after '@'")]
    [InlineData("adele@contoso..com", "has no valid domain after '@'")]
    [InlineData("a@b@contoso.com", "contains more than one '@'")]
    [InlineData(".adele@contoso.com", "has an empty name before '@' or a misplaced '.'")]
    [InlineData("#EXT#@contoso.onmicrosoft.com", "has an empty name before '@' or a misplaced '.'")]
    [InlineData("adele<x>@contoso.com", "contains '<'")]
    [InlineData("{4f1d2c3b-8a9e-4b7c-9d10-2e3f4a5b6c7d}", "is neither a user principal name")]
    public void Hostile_or_broken_user_id_is_InvalidUser_with_the_reason(string user, string reason)
    {
        var check = UserIdValidator.Validate(user);

        Assert.Equal(ErrorCodes.InvalidUser, check.Error);
        Assert.Null(check.Value);
        Assert.StartsWith($"The user id {reason}", check.Message, StringComparison.Ordinal);
        Assert.EndsWith("write the user's UPN (name@domain) or object id.", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upn_longer_than_113_characters_is_refused()
    {
        var user = new string('a', 100) + "@contoso.com.example";

        Assert.StartsWith("The user id is longer than the 113 characters", UserIdValidator.Validate(user).Message, StringComparison.Ordinal);
    }
}
