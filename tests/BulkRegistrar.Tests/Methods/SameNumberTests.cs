using BulkRegistrar.Methods.Phones;

namespace BulkRegistrar.Tests.Methods;

public sealed class SameNumberTests
{
    [Theory]
    [InlineData("+44 7400123456", "+44 07400123456")]
    [InlineData("+1 4255550100", "+1 (425) 555-0100")]
    [InlineData("+1 4255550100", "+14255550100")]
    [InlineData("+44 7400123456", "+44 7400 123 456")]
    [InlineData("+1 4255550100x123", "+1 (425) 555-0100 x123")]
    [InlineData("+39 0612345678", "+39 06 1234 5678")]
    [InlineData("+44 2079460018x12", "+44 20 7946 0018 x١٢")] // an extension in Arabic-Indic digits
    public void A_number_stored_in_another_form_is_the_same_number(string wanted, string stored)
    {
        Assert.True(SameNumber.Equal(wanted, stored));
        Assert.True(PhoneMethod.Mobile.Same(wanted, stored));
    }

    [Theory]
    [InlineData("+44 7400123456", "+44 7400123457")]
    [InlineData("+44 7400123456", "+49 7400123456")]
    [InlineData("+1 4255550100x123", "+1 4255550100")]
    [InlineData("+39 0612345678", "+39 612345678")]
    public void Different_lines_are_not_the_same_number(string wanted, string stored)
    {
        Assert.False(SameNumber.Equal(wanted, stored));
    }

    [Fact]
    public void The_canonical_form_writes_an_extension_in_ascii_digits()
    {
        Assert.Equal("+44 2079460018x12", SameNumber.Canonical("+44 20 7946 0018 x١٢"));
    }
}
