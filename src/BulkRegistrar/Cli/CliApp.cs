using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Spectre.Console;

using BulkRegistrar.Audit;

namespace BulkRegistrar.Cli;

/// <summary>
/// The command line. System.CommandLine rather than Spectre.Console.Cli: it is the parser the .NET
/// SDK itself uses (POSIX/Windows conventions, response files, tab completion), it needs no DI
/// container or reflection-based settings classes, and it leaves the console free for Spectre's
/// progress display, which is the part of Spectre we want.
/// </summary>
internal static class CliApp
{
    public static RootCommand Build(IAnsiConsole console, TimeProvider time, StopSignals? signals = null)
    {
        var root = new RootCommand("BulkRegistrar pre-registers new hires' authentication methods (phones, e-mail) in Microsoft Entra ID from a CSV.")
        {
            new ValidateCommand(console, time).Build(),
            new GraphCommand(apply: false, console, time, signals).Build(),
            new GraphCommand(apply: true, console, time, signals).Build(),
            new ExportCommand(console, time).Build(),
            new RevertCommand(console, time).Build(),
            new StatusCommand(console, time, signals).Build(),
            new InboxCommand(console, time, signals).Build(),
        };
        AddExitCodesToHelp(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TimeProvider time, CancellationToken ct = default)
    {
        using var signals = StopSignals.From(ct);
        return await RunAsync(args, console, time, signals);
    }

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TimeProvider time, StopSignals signals)
    {
        var ct = signals.Stop;
        console = SafeConsole.Wrap(console); // every console write of the run goes through it
        var root = Build(console, time, signals);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not (HelpAction or HelpWithExitCodes))
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLine("[red]" + SafeConsole.Line(error.Message) + "[/]");
            }

            console.MarkupLine(SafeConsole.Line("Run with --help for the options."));
            return ExitCodes.CannotProcess;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // Program owns Ctrl+C and SIGTERM (StopSignals): a run must be allowed to finish its batches in flight
                // and write the summary, which System.CommandLine's default (end the process 2 s after the signal) would cut.
                ProcessTerminationTimeout = null,
                Output = console.Profile.Out.Writer,
                Error = console.Profile.Out.Writer,
            }, ct);
        }
        catch (Exception e) when (e is UsageException or Reading.InputFileException)
        {
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            return e is AlreadyRunningException ? ExitCodes.AlreadyRunning : ExitCodes.CannotProcess;
        }
    }

    private static void AddExitCodesToHelp(Command command)
    {
        foreach (var help in command.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new HelpWithExitCodes(action);
            }
        }
    }

    /// <summary>The standard help, followed by the exit codes a scheduler needs.</summary>
    private sealed class HelpWithExitCodes(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            inner.Invoke(parseResult);
            // status has exit codes of its own (0 everyone onboarded, 1 someone pending): a scheduler branches on them.
            parseResult.InvocationConfiguration.Output.WriteLine(parseResult.CommandResult.Command.Name == "status" ? StatusCommand.ExitCodesHelp
                : ExitCodes.HelpText);
            return ExitCodes.Success;
        }
    }
}
