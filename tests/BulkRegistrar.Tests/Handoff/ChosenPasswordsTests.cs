using BulkRegistrar.Cli;
using BulkRegistrar.Handoff;

namespace BulkRegistrar.Tests.Handoff;

public sealed class ChosenPasswordsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("passwords-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "passwords.csv");
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    [Fact]
    public void Passwords_are_found_by_user_ignoring_case_and_delimiter()
    {
        var passwords = ChosenPasswords.Load(Write("UserPrincipalName;Password\nAda@contoso.com;Correct-Horse-9\n"));

        Assert.Equal("Correct-Horse-9", passwords.For("ada@CONTOSO.com"));
        Assert.Null(passwords.For("bob@contoso.com"));
        Assert.Equal(1, passwords.Count);
    }

    [Theory]
    [InlineData("User,Secret\na@contoso.com,Correct-Horse-9\n", "needs a header")]
    [InlineData("UserPrincipalName,Password\na@contoso.com,short77\n", "line 2")]
    [InlineData("UserPrincipalName,Password\na@contoso.com,Correct-Horse-9\nA@contoso.com,Other-Horse-99\n", "listed twice")]
    public void A_malformed_file_is_one_sentence_that_names_the_line_and_never_a_password(string text, string expected)
    {
        var e = Assert.Throws<UsageException>(() => ChosenPasswords.Load(Write(text)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Horse", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short77", e.Message, StringComparison.Ordinal);
    }
}
