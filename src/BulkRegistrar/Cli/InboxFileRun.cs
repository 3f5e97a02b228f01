using BulkRegistrar.Audit;
using BulkRegistrar.Inbox;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// One file of an inbox night: its run (apply, plan with --plan-only, or the resume of its unfinished apply) through
/// <see cref="GraphRun"/>, the entry the verbs use, then where the file goes — processed/, failed/ (only for a problem
/// of the file itself), or nowhere (a problem of the run, a file that changed, a run that stopped early, a plan).
/// </summary>
internal sealed class InboxFileRun(IAnsiConsole console, TimeProvider time, StopSignals? signals, InboxFolder inbox, InboxRuns runs,
    GraphRunOptions options, bool planOnly)
{
    /// <returns>The run's exit code, and whether the inbox stops here (the next file would meet the same problem).</returns>
    public async Task<(int Code, bool StopHere)> RunAsync(string file, string position, CancellationToken ct)
    {
        var info = new FileInfo(file);
        var (length, written) = (info.Length, info.LastWriteTimeUtc);
        // A file whose apply did not finish (killed, or stopped by a signal or the target) is resumed in its own run folder.
        var unfinished = planOnly ? null : runs.Unfinished(file);
        var runFolder = unfinished ?? runs.NewFolder(file);
        console.MarkupLine(SafeConsole.Line($"inbox: {Path.GetFileName(file)} ({position}) {(unfinished is null ? "→" : "resumes")} {runFolder}"));
        int exit;
        try
        {
            var own = options with { Common = options.Common with { Csv = file, Out = runFolder } };
            exit = unfinished is null
                ? await new GraphRun(!planOnly, console, time, signals).RunAsync(own, ct)
                : await new GraphRun(apply: true, console, time, signals).ResumeAsync(unfinished, ct);
        }
        catch (Reading.InputFileException e)
        {
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            exit = ExitCodes.CannotProcess; // the file itself: to failed/, below
        }
        catch (InputUnreadableException e) when (!File.Exists(file))
        {
            console.MarkupLine(SafeConsole.Line($"{Path.GetFileName(file)} is gone (moved or removed since the inbox listed it); nothing to do for "
                + $"it. ({e.Message})"));
            return (ExitCodes.Success, false);
        }
        catch (InputUnreadableException e)
        {
            // This file cannot be opened (a dangling link, no permission): it stays, and the files after it still run.
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} stays in the inbox (it cannot be opened, so nothing was done "
                + "with it); the inbox goes on with the next file.") + "[/]");
            return (ExitCodes.CannotProcess, false);
        }
        catch (UsageException e)
        {
            // Configuration, options, the store, the target, a lock, a folder or the disk: the next file would meet the
            // same, and this one is not at fault. Any one-sentence problem that is not the file's counts as the run's:
            // a good file wrongly in failed/ is worse than a file left for the next night.
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} stays in the inbox: a problem of the run, not of the file; the "
                + "inbox stops here.") + "[/]");
            return (e is AlreadyRunningException ? ExitCodes.AlreadyRunning : ExitCodes.CannotProcess, true);
        }

        if (!InboxFolder.Unchanged(file, length, written))
        {
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} changed while it was processed; it stays in the inbox for the next "
                + "run.") + "[/]");
            return (exit, false);
        }

        return Route(file, runFolder, exit);
    }

    private (int Code, bool StopHere) Route(string file, string runFolder, int exit)
    {
        var summary = SummaryFile.Read(runFolder);
        // A run that made its folder but could not write its summary (a full disk, a folder it cannot write) stopped for the
        // run's sake, not the file's: a file problem is always summarised (InputFile.Report), and checks of options come before the folder.
        var unsummarised = exit == ExitCodes.CannotProcess && summary is null && Directory.Exists(runFolder);
        var stopped = signals?.Stop.IsCancellationRequested == true || summary?.AbortCause is not null
            || (exit == ExitCodes.CannotProcess && summary is { Cancelled: true }) || unsummarised;
        if (stopped || planOnly)
        {
            if (stopped)
            {
                var why = summary?.AbortCause ?? (unsummarised ? "its summary could not be written" : "cancelled");
                console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} stays in the inbox: its run stopped before the end ({why}), not "
                    + "because of the file.") + "[/]");
            }

            return (exit, stopped);
        }

        var moved = inbox.MoveTo(file, exit == ExitCodes.CannotProcess ? inbox.Failed : inbox.Processed);
        console.MarkupLine(SafeConsole.Line($"{Path.GetFileName(file)} → {moved} (exit code {exit})"));
        return (exit, false);
    }
}
