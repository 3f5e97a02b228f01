using System.Text.RegularExpressions;
using BulkRegistrar.Audit;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// What the real CLI process writes where a scheduler or a CI log catches it (standard output redirected
/// to a pipe), and on a terminal (a pseudo-terminal) under NO_COLOR and TERM=dumb.
/// </summary>
public sealed partial class ConsoleOutputTests : IDisposable
{
    private readonly string _folder;
    private readonly string _csv;

    public ConsoleOutputTests()
    {
        // A deep folder: the run folder's path alone is longer than any terminal line.
        _folder = Path.Combine(Path.GetTempPath(), "console-" + Guid.NewGuid().ToString("N"), new string('n', 150));
        Directory.CreateDirectory(_folder);
        _csv = Path.Combine(_folder, "new-hires.csv");
        File.Copy(Samples.PathOf("new-hires.csv"), _csv);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Fact]
    public async Task Redirected_output_writes_every_line_whole_and_without_escape_codes()
    {
        var run = Path.Combine(_folder, "run");
        // A terminal type with colours: only the redirection may turn them off.
        using var cli = CliProcess.WithEnvironment(run, Environment(("TERM", "xterm-256color")), "validate", _csv);

        Assert.Equal(ExitCodes.RowsNeedAttention, await cli.WaitForExit());

        var lines = cli.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal));
        Assert.Contains("Report: " + run, lines);
        // A message with the row's problem and its advice, far longer than 80 columns, on one line.
        Assert.Contains(lines, l => l.Contains("line 8 noah.williams@contoso.com alternateMobile", StringComparison.Ordinal)
            && l.EndsWith("keep one row per user, or make the rows agree.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Errors: DuplicateRow 1, ", StringComparison.Ordinal) && l.EndsWith(", UnsupportedNumberType "
            + "1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rows, ", StringComparison.Ordinal) && l.EndsWith("Exit code 1.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_terminal_NO_COLOR_leaves_out_colour_and_TERM_dumb_every_escape_code()
    {
        // The control: the same terminal without either shows colour, so the two runs below can fail.
        var coloured = await InTerminal("coloured", ("TERM", "xterm-256color"));
        Assert.NotEmpty(Colours(coloured));

        var noColour = await InTerminal("no-color", ("TERM", "xterm-256color"), ("NO_COLOR", "1"));
        Assert.Empty(Colours(noColour));
        Assert.Contains("Exit code 1.", noColour, StringComparison.Ordinal);

        var dumb = await InTerminal("dumb", ("TERM", "dumb"));
        Assert.DoesNotContain('\u001b', dumb);
        Assert.Contains("Exit code 1.", dumb, StringComparison.Ordinal);
    }

    private async Task<string> InTerminal(string name, params (string Name, string? Value)[] variables)
    {
        using var cli = CliProcess.InTerminal(Path.Combine(_folder, name), Environment(variables), "validate", _csv);
        Assert.Equal(ExitCodes.RowsNeedAttention, await cli.WaitForExit());
        return cli.Output;
    }

    /// <summary>The colour parameters of the SGR escape codes in the text (30–38, 40–48, 90–97, 100–107).</summary>
    private static List<int> Colours(string text) =>
        [.. Sgr().Matches(text).SelectMany(m => m.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse).Where(p => p is (>= 30 and <= 38) or (>= 40 and <= 48) or (>= 90 and <= 97) or (>= 100 and <= 107))];

    /// <summary>Only these: NO_COLOR, TERM and CI variables of the test's own environment must not decide.</summary>
    private static Dictionary<string, string?> Environment(params (string Name, string? Value)[] variables)
    {
        var env = new Dictionary<string, string?> { ["NO_COLOR"] = null, ["TERM"] = null, ["COLORTERM"] = null, ["CI"] = null };
        foreach (var (name, value) in variables)
        {
            env[name] = value;
        }

        return env;
    }

    [GeneratedRegex("\u001b\\[([0-9;]*)m")]
    private static partial Regex Sgr();
}
