using BulkRegistrar.Cli;
using Spectre.Console;

// One place that owns the process: Ctrl+C, SIGTERM and SIGHUP become a graceful stop (a second one a fast
// stop), and nothing escapes as a stack trace.
using var signals = StopSignals.Listen();
BulkRegistrar.State.OwnerOnly.ApplyToProcess();

try
{
    return await CliApp.RunAsync(args, AnsiConsole.Console, TimeProvider.System, signals);
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
    return ExitCodes.CannotProcess;
}
catch (Exception e)
{
    // A bug, not an input problem: say so in one line; the run folder's run.log has details.
    AnsiConsole.MarkupLine("[red]" + Markup.Escape($"Unexpected error: {e.GetType().Name}: {e.Message}") + "[/]");
    return ExitCodes.CannotProcess;
}
