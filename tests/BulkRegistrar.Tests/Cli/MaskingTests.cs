using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

public class MaskingTests
{
    [Fact]
    public void Phone_numbers_quoted_in_free_text_are_masked()
    {
        var text = Masking.Text("Graph said: the number +44 7400223344 is used by 0171 1234567.");

        Assert.DoesNotContain("7400223344", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567", text, StringComparison.Ordinal);
        Assert.StartsWith("Graph said: the number ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_numbers_and_short_numbers_stay_readable()
    {
        Assert.Equal("Gave up after 10 attempt(s) on line 42.", Masking.Text("Gave up after 10 attempt(s) on line 42."));
    }

    [Fact]
    public void Emails_keep_the_first_letter_and_the_domain()
    {
        Assert.Equal("l***@yahoo.com", Masking.ForDisplay(AuditMethod.Email, "liam.johnson@yahoo.com"));
    }
}
