using BulkRegistrar.Cli;
using Spectre.Console;

// One place that owns the process: Ctrl+C becomes cancellation, and nothing escapes as a stack trace.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

try
{
    return await CliApp.RunAsync(args, AnsiConsole.Console, TimeProvider.System, cts.Token);
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
