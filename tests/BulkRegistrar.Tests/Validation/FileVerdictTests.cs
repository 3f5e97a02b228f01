using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

/// <summary>Files that are not rows to fix one by one but a file to export again: one sentence, before any row.</summary>
public sealed class FileVerdictTests
{
    private static string? Verdict(string text, MethodDefaults? defaults = null)
    {
        using var csv = TempCsv.Utf8(text);
        using var reader = CsvRowReader.Open(csv.Path, new CsvOptions());
        var verdict = new FileVerdict(reader.Columns, "hr.csv", defaults ?? MethodDefaults.None);
        _ = verdict.Observe(reader.ReadRows()).ToList();
        return verdict.Problem();
    }

    [Fact]
    public void A_user_column_of_worker_ids_is_one_sentence_naming_the_column_and_an_example()
    {
        var problem = Verdict("UserID,First name,Mobile phone\nEMP3100,Ann,07400 123456\nEMP3101,Bob,07400 123457\n");

        Assert.Equal(
            "The file 'hr.csv' cannot be used: its user column 'UserID' holds values like 'EMP3100', which are neither user principal names nor object ids " +
            "on any row (worker or employee ids?); map them to user principal names (name@domain) first, in a UserPrincipalName column, and run again.",
            problem);
    }

    [Fact]
    public void A_column_that_may_hold_the_sign_in_names_is_named_as_the_way_out()
    {
        var problem = Verdict("UserID,Email,Mobile phone\nEMP3100,ann@contoso.com,07400 123456\n");

        Assert.EndsWith("or, if 'Email' holds the users' sign-in names, name that column UserPrincipalName, and run again.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upn,mobile\nEMP3100,07400 123456\nann@contoso.com,07400 123457\n")] // one usable user: rows to fix
    [InlineData("upn,mobile\nann@contoso,07400 123456\n")] // a UPN with a mistake in it
    [InlineData("upn,mobile\n\"=HYPERLINK(\"\"http://x\"\")\",07400 123456\n")] // hostile, refused per row
    public void Files_with_a_usable_or_mistaken_user_id_are_read_row_by_row(string text) => Assert.Null(Verdict(text));

    [Fact]
    public void A_file_without_a_method_column_is_one_sentence_listing_what_it_has()
    {
        var problem = Verdict("upn,Department,Office\nann@contoso.com,Sales,London\n");

        Assert.Equal(
            "The file 'hr.csv' has no column of a method to register ('Office' holds values like 'London', not phone numbers: it is not used as OfficePhone; " +
            "Department is not read): name a column MobilePhone, AlternateMobilePhone, OfficePhone, Email or SmsSignIn (or use --issue-tap), and run again.",
            problem);
    }

    [Fact]
    public void Method_columns_empty_on_every_row_are_one_sentence()
    {
        var problem = Verdict("upn,Mobile phone,Office phone\nann@contoso.com,,\nbob@contoso.com,,\n");

        Assert.Equal("The file 'hr.csv' has nothing to register: its method columns 'Mobile phone', 'Office phone' are empty on every row; check the "
            + "export that produced it.", problem);
    }

    [Fact]
    public void A_user_only_file_is_usable_with_a_whole_file_method_flag()
    {
        Assert.NotNull(Verdict("upn\nann@contoso.com\n"));
        Assert.Null(Verdict("upn\nann@contoso.com\n", new MethodDefaults(IssueTap: true)));
    }
}
