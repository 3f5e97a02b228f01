using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Privacy;

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
    public void Error_codes_and_ids_inside_words_are_not_mistaken_for_phone_numbers()
    {
        const string text = "AADSTS7000215: Invalid client secret provided. Trace ID: 4c8dda58-0768-4c09-8da3-409e46f4432b";

        Assert.Equal(text, Masking.Text(text));
    }

    [Fact]
    public void Dates_times_and_run_folder_stamps_are_not_mistaken_for_phone_numbers()
    {
        const string text = "TapStart '2027-03-28 01:30' does not exist; write 2027-03-28T01:30Z. Free space and run apply --resume "
            + "/srv/runs/20260301-020000-new-hires-2";

        Assert.Equal(text, Masking.Text(text));
    }

    [Fact]
    public void A_phone_number_beside_a_date_is_still_masked()
    {
        var text = Masking.Text("On 2027-03-28 the number 07400 223344 was refused; 2027-03-28 0740022334 too.");

        Assert.StartsWith("On 2027-03-28 the number ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("223344", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0740022334", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Emails_keep_the_first_letter_and_the_domain()
    {
        Assert.Equal("l***@yahoo.com", Masking.ForDisplay(MethodKind.Email, "liam.johnson@yahoo.com"));
    }
}
