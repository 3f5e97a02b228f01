using BulkRegistrar.Cli;
using Spectre.Console;

namespace BulkRegistrar.Tests.Cli;

public sealed class ConsoleFactoryTests
{
    private static readonly string LongPath = "/var/lib/bulkregistrar/inbox/" + new string('x', 180) + "/runs/20260129-091500-new-hires";

    [Fact]
    public void Redirected_output_gets_whole_lines_of_plain_text_even_for_long_words_in_markup()
    {
        var output = new StringWriter();
        var console = ConsoleFactory.Create(output, redirected: true, Environment(("TERM", "xterm-256color")));

        var message = "[red]Error:[/] " + Markup.Escape($"the report is at {LongPath} and " + string.Join(' ', Enumerable.Repeat("words", 60)));
        console.MarkupLine(message);

        var lines = output.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Error: the report is at " + LongPath + " and words", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.False(console.Profile.Capabilities.Interactive);
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void The_run_summary_table_is_as_wide_as_its_content_when_redirected()
    {
        var output = new StringWriter();
        var console = ConsoleFactory.Create(output, redirected: true, Environment());

        console.Write(new Table().AddColumns("outcome", "records").AddRow("Created", "12"));

        Assert.All(output.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), l => Assert.InRange(l.Length, 1, 40));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("0")] // any value: the convention is "set and not empty", whatever it says
    public void NO_COLOR_turns_colour_off_on_a_terminal(string value)
    {
        var console = ConsoleFactory.Create(new StringWriter(), redirected: false, Environment(("TERM", "xterm-256color"), ("NO_COLOR", value)));

        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void TERM_dumb_turns_off_escape_codes_colour_and_the_live_display_on_a_terminal()
    {
        var console = ConsoleFactory.Create(new StringWriter(), redirected: false, Environment(("TERM", "dumb")));

        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.False(console.Profile.Capabilities.Interactive);
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void A_terminal_keeps_its_own_width()
    {
        var console = ConsoleFactory.Create(new StringWriter(), redirected: false, Environment(("TERM", "xterm-256color")));

        Assert.NotEqual(ConsoleFactory.UnboundedWidth, console.Profile.Width);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
