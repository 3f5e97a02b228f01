using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using Spectre.Console;

// One place that owns the process: Ctrl+C, SIGTERM and SIGHUP become a graceful stop (a second one a fast
// stop), and nothing escapes as a stack trace.
using var signals = StopSignals.Listen();
AnsiConsole.Console = ConsoleFactory.Create(); // whole lines and no colour without a terminal; NO_COLOR, TERM=dumb
BulkRegistrar.State.OwnerOnly.ApplyToProcess();

try
{
#pragma warning disable RS0030 // the composition root: the one place the CLI takes the system clock
    return await CliApp.RunAsync(args, AnsiConsole.Console, TimeProvider.System, signals);
#pragma warning restore RS0030
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
    return ExitCodes.CannotProcess;
}
catch (Exception e)
{
    // A bug, not an input problem: say so in one line; the run folder's run.log has details.
    AnsiConsole.MarkupLine("[red]" + SafeConsole.Line($"Unexpected error: {e.GetType().Name}: {e.Message}") + "[/]");
    return ExitCodes.CannotProcess;
}
