using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Cli;

/// <summary>A placeholder in a phone cell is refused by the whole run, and Phone:AllowVanityNumbers reaches the normaliser.</summary>
public sealed class PhoneLettersCliTests : IDisposable
{
    private const string File = "user,mobile\nann@contoso.com,07400 XXXXXX\nbob@contoso.com,+1 425 555 FLWR\n";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Placeholder_and_vanity_numbers_are_invalid_by_default()
    {
        var csv = _cli.WriteFile("hires.csv", File);

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Validate(csv, "--region", "GB"));

        Assert.All(_cli.Audit(), r =>
        {
            Assert.Equal("Invalid", r.GetProperty("outcome").GetString());
            Assert.Equal("LettersInNumber", r.GetProperty("error").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("normalized").ValueKind);
        });
    }

    [Fact]
    public async Task Vanity_numbers_are_read_as_keypad_digits_with_the_configured_opt_in()
    {
        var csv = _cli.WriteFile("hires.csv", File);
        var config = _cli.WriteFile("config.json", """{ "Phone": { "AllowVanityNumbers": true } }""");

        await _cli.Validate(csv, "--region", "GB", "--config", config);

        var audit = _cli.Audit();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, r => Assert.Equal("Valid", r.GetProperty("outcome").GetString()));
        Assert.Equal(["+44 7400999999", "+1 4255553597"], audit.Select(r => r.GetProperty("normalized").GetString()));
    }
}
