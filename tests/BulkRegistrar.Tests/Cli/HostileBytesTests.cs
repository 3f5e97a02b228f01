using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

/// <summary>Control characters and bidi overrides from the input reach neither the terminal nor audit.csv raw.</summary>
public sealed class HostileBytesTests : IDisposable
{
    private const string Esc = "\u001b";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Control_and_bidi_characters_are_escaped_on_the_console_and_in_audit_csv_and_kept_in_audit_jsonl()
    {
        var user = $"ann{Esc}[32m OK{Esc}[0m\u0000\u0085\u202e@contoso.com";
        var csv = _cli.WriteFile("hostile.csv", $"upn,mobile,Note{Esc}[2J\n\"{user}\",+44 7400 123456\n");

        var exit = await _cli.Validate(csv);

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        foreach (var c in new[] { '\u001b', '\u0000', '\u0085', '\u202e' })
        {
            Assert.DoesNotContain(c, _cli.Output);
            Assert.DoesNotContain(c, File.ReadAllText(Path.Combine(_cli.RunFolder, "audit.csv")));
            Assert.DoesNotContain(c, File.ReadAllText(Path.Combine(_cli.RunFolder, "audit.jsonl")));
        }

        Assert.Contains("ann{U+001B}[32m OK{U+001B}[0m{U+0000}{U+0085}{U+202E}@contoso.com", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("ann{U+001B}[32m OK", File.ReadAllText(Path.Combine(_cli.RunFolder, "audit.csv")), StringComparison.Ordinal);
        var record = Assert.Single(_cli.Audit());
        Assert.Equal(user, record.GetProperty("user").GetString()); // the original, JSON-escaped
        Assert.Equal("InvalidUser", record.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Control_characters_in_a_header_do_not_reach_the_terminal_from_a_file_level_error()
    {
        var csv = _cli.WriteFile("noupn.csv", $"na{Esc}]0;pwned\u0007me,mobile\nx,y\n");

        var exit = await _cli.Validate(csv);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("has no user column", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', _cli.Output);
        Assert.DoesNotContain('\u0007', _cli.Output);
    }
}
