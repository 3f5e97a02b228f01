using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// The process's console, made once in Program. With no terminal (cron, systemd, a CI log: output
/// redirected to a file or a pipe) whole lines — no wrapping at a width nobody sees, so a path, a URL or a
/// message stays greppable on one line — no colour, no escape codes and no live display. On a terminal
/// Spectre detects what it can do, except that <c>NO_COLOR</c> (https://no-color.org: set and not
/// empty) turns colour off and <c>TERM=dumb</c> turns off every escape code and the live display.
/// </summary>
internal static class ConsoleFactory
{
    /// <summary>
    /// The width when redirected. Spectre has no "do not wrap" setting; it wraps text at the profile's width
    /// (80 when it finds no terminal). A width no line of ours reaches does it — not int.MaxValue: a renderable
    /// that fills the width (a rule, an expanded table) would then allocate that many cells (tried: out of
    /// memory).
    /// </summary>
    public const int UnboundedWidth = 1 << 16;

    public static IAnsiConsole Create() =>
        Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    public static IAnsiConsole Create(TextWriter output, bool redirected, Func<string, string?> environment)
    {
        var dumb = redirected || string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        var noColour = dumb || !string.IsNullOrEmpty(environment("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = dumb ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColour ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = dumb ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = UnboundedWidth;
        }

        return console;
    }
}
