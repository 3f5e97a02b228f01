using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class PhoneMaskTests
{
    [Theory]
    [InlineData("+44 7911123456", "+44 79** ***456")]
    [InlineData("+49 15123456789", "+49 15*** ***789")]
    [InlineData("+33 612345678", "+33 61* ***678")]
    [InlineData("+1 4255550100x123", "+1 42** ***100x**")]
    [InlineData("+39 0612345678", "+39 06** ***678")]
    public void Graph_number_keeps_country_code_first_two_and_last_three_digits(string number, string masked)
    {
        Assert.Equal(masked, PhoneMask.Mask(number));
    }

    [Theory]
    [InlineData("+354 1234567", "+354 1 ****67")]
    [InlineData("+683 4002", "+683 **02")]
    [InlineData("+1 123", "+1 ***")]
    public void Short_numbers_hide_more(string number, string masked)
    {
        Assert.Equal(masked, PhoneMask.Mask(number));
    }

    [Theory]
    [InlineData("07911 123456", "***56")]
    [InlineData("abc", "***")]
    [InlineData("12345", "***")]
    [InlineData("=cmd|' /C calc'!A0 0791112", "***12")]
    [InlineData("+44 7911\r\n123456", "***56")]
    [InlineData("", "")]
    public void Raw_input_keeps_at_most_the_last_two_digits(string input, string masked)
    {
        Assert.Equal(masked, PhoneMask.MaskRaw(input));
    }

    [Fact]
    public void Text_not_in_Graph_form_is_masked_as_raw()
    {
        Assert.Equal("***56", PhoneMask.Mask("+44 7911 123456"));
    }
}
