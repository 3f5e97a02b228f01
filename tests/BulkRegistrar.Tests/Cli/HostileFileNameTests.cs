using System.Text.RegularExpressions;
using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Cli;

/// <summary>
/// A file or folder name with a newline or ESC is neutralised like a cell: on the console and in run.log it
/// shows as {U+000A}/{U+001B}; it can neither forge a line nor send a raw escape sequence.
/// </summary>
public sealed partial class HostileFileNameTests : IDisposable
{
    private const string Forged = "12:00:00 INF Finished: every row applied, exit code 0";
    private readonly CliRun _cli = new();

    public HostileFileNameTests() => _cli.RunFolder = Path.Combine(_cli.Folder, "run\u001b[2J\nx");

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    public async Task File_and_run_folder_names_with_a_newline_and_esc_forge_no_line_on_the_console_or_in_run_log(string verb)
    {
        var csv = _cli.WriteFile($"hires\n{Forged}\u001b[31m.csv", "user,mobile\nann@contoso.com,+44 7400 123456\nnot a user,+44 7400 123457\n");
        string[] args = verb == "validate" ? [verb, csv, "--out", _cli.RunFolder] : [verb, csv, "--out", _cli.RunFolder, "--emulator"];

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run(args));

        var runLog = File.ReadAllText(Path.Combine(_cli.RunFolder, "run.log"));
        foreach (var (sink, text) in new[] { ("console", _cli.Output), ("run.log", runLog) })
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.Contains("{U+000A}" + Forged + "{U+001B}[31m.csv", text, StringComparison.Ordinal);
            Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith(Forged, StringComparison.Ordinal));
        }

        // Every line of run.log is an event of its own, none a continuation a file name started.
        Assert.All(runLog.TrimEnd('\n').Split('\n'), line => Assert.Matches(LogLine(), line));
    }

    [Fact]
    public async Task Hand_off_file_name_with_a_newline_and_esc_forges_no_line_on_the_console_or_in_run_log()
    {
        var csv = _cli.WriteFile("hires.csv", "user,IssueTap\nlouis.durand@contoso.com,true\n");
        var handoff = Path.Combine(_cli.Folder, $"pass\n{Forged}\u001b[31m.csv");

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--out", _cli.RunFolder, "--emulator", "--handoff", handoff));

        Assert.Equal(2, File.ReadAllLines(handoff).Length); // the pass was issued and handed off
        var runLog = File.ReadAllText(Path.Combine(_cli.RunFolder, "run.log"));
        foreach (var text in new[] { _cli.Output, runLog })
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith(Forged, StringComparison.Ordinal));
        }

        Assert.Contains("pass{U+000A}" + Forged + "{U+001B}[31m.csv", _cli.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{2}:\d{2} \[[A-Z]{3}\] ")]
    private static partial Regex LogLine();
}
