using System.CommandLine;
using System.Text.Json;
using BulkRegistrar.Inbox;
using Spectre.Console;

using BulkRegistrar.Audit;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>inbox &lt;folder&gt;</c>: what a scheduler runs every night. Takes the folder's lock, then applies (or
/// with <c>--plan-only</c> plans) every settled <c>*.csv</c>, oldest first, each into its own run folder under
/// <c>&lt;folder&gt;/runs/</c>, and moves it to <c>processed/</c> or <c>failed/</c>. Only a problem of the file itself
/// sends it to failed/: a problem of the run (options, configuration, state store, target, lock, folder, disk, a signal)
/// leaves the file where it is for the next night and stops the inbox.
/// Exit code: the worst of the files'; 3 when another inbox run holds the lock.
/// </summary>
internal sealed class InboxCommand(IAnsiConsole console, TimeProvider time, StopSignals? signals, Func<string[], Task<int>> run)
{
    private readonly Argument<string> _folder = new("folder") { Description = "The folder HR drops CSV files into." };
    private readonly Option<bool> _planOnly = new("--plan-only") { Description = "Plan every file (read the tenant, write nothing); files stay in the inbox." };
    private readonly Option<string?> _config = new("--config") { Description = "An extra JSON configuration file layered over appsettings.json; relative paths in it are relative to it.", HelpName = "FILE" };

    // Passed through unchanged to apply/plan for each file.
    private readonly Option<string?>[] _valued =
    [
        new("--region") { Description = "As for apply.", HelpName = "XX" },
        new("--encoding") { Description = "As for apply.", HelpName = "NAME" },
        new("--emulator-url") { Description = "As for apply.", HelpName = "URL" },
        new("--auth") { Description = "As for apply.", HelpName = "MODE" },
        new("--on-conflict") { Description = "As for apply.", HelpName = "skip|update" },
        new("--max-changes") { Description = "As for apply (per file).", HelpName = "N" },
        new("--concurrency") { Description = "As for apply.", HelpName = "N" },
    ];

    // --emulator first: the checks ask for it by position.
    private readonly Option<bool>[] _flags = [new("--emulator") { Description = "As for apply." }, new("--full") { Description = "Check every user against Graph, ignoring the state store (which is still updated)." }];

    public Command Build()
    {
        var command = new Command("inbox", "Process every CSV dropped in a folder (nightly): lock, apply each settled file, move it to processed/ or failed/.")
        {
            _folder, _planOnly, _config,
        };
        foreach (var option in _valued)
        {
            command.Add(option);
        }

        foreach (var option in _flags)
        {
            command.Add(option);
        }

        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var folder = Path.GetFullPath(parse.GetValue(_folder)!);
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"The inbox folder '{folder}' does not exist.");
        }

        var settings = AppSettings.Load(parse.GetValue(_config));
        var runs = settings.Inbox.RunsFolder is { } r ? settings.ResolvePath(r) : Path.Combine(folder, "runs");
        // The state store lives beside the runs unless configured: an inbox is incremental by default.
        _stateFile = settings.State.Path is { } sp ? settings.ResolvePath(sp) : Path.Combine(runs, "state.db");
        var (held, heldBy) = InboxLock.Acquire(folder, time, w => console.MarkupLine("[yellow]" + SafeConsole.Line(w) + "[/]"));
        if (held is null)
        {
            console.MarkupLine("[red]" + SafeConsole.Line(heldBy!) + "[/]");
            return ExitCodes.AlreadyRunning;
        }

        using var _ = held;
        var inbox = new InboxFolder(folder, time);
        var (ready, unsettled) = inbox.List(settings.Inbox.SettleTime);
        foreach (var file in unsettled)
        {
            console.MarkupLine(SafeConsole.Line($"{Path.GetFileName(file)}: still being written (changed less than {settings.Inbox.SettleTime.TotalSeconds:0} s ago); left for the next run."));
        }

        if (ready.Count == 0)
        {
            console.MarkupLine(SafeConsole.Line($"Nothing to do: no settled *.csv in {folder}."));
            return ExitCodes.Success;
        }

        // A problem every file's run would meet alike is said once, here, and leaves every file where it is.
        string? Value(string name) => parse.GetValue(_valued.Single(o => o.Name == name));
        InboxChecks.Before(Value, parse.GetValue(_flags[0]) && Value("--emulator-url") is not null, settings, _stateFile, console);

        var worst = ExitCodes.Success;
        for (var i = 0; i < ready.Count && !ct.IsCancellationRequested; i++)
        {
            var exit = await ProcessAsync(parse, inbox, ready[i], runs, $"{i + 1} of {ready.Count}");
            worst = Math.Max(worst, exit.Code);
            if (exit.StopHere)
            {
                break; // the target or a signal stopped the run: the next file would meet the same
            }
        }

        return worst;
    }

    private async Task<(int Code, bool StopHere)> ProcessAsync(ParseResult parse, InboxFolder inbox, string file, string runs, string position)
    {
        var info = new FileInfo(file);
        var (length, written) = (info.Length, info.LastWriteTimeUtc);
        var planOnly = parse.GetValue(_planOnly);
        // A file whose apply did not finish (killed, or stopped by a signal or the target) is resumed in its own run folder.
        var unfinished = planOnly ? null : UnfinishedRun(runs, file);
        var runFolder = unfinished ?? UniqueRunFolder(runs, file);
        console.MarkupLine(SafeConsole.Line($"inbox: {Path.GetFileName(file)} ({position}) {(unfinished is null ? "→" : "resumes")} {runFolder}"));
        int exit;
        try
        {
            exit = await run(unfinished is null ? [.. Arguments(parse, planOnly ? "plan" : "apply", file, runFolder)] : ["apply", "--resume", unfinished]);
        }
        catch (Reading.InputFileException e)
        {
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            exit = ExitCodes.CannotProcess; // the file itself: to failed/, below
        }
        catch (InputUnreadableException e) when (!File.Exists(file))
        {
            console.MarkupLine(SafeConsole.Line($"{Path.GetFileName(file)} is gone (moved or removed since the inbox listed it); nothing to do for it. ({e.Message})"));
            return (ExitCodes.Success, false);
        }
        catch (InputUnreadableException e)
        {
            // This file cannot be opened (a dangling link, no permission): it stays, and the files after it still run.
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} stays in the inbox (it cannot be opened, so nothing was done with it); the inbox goes on with the next file.") + "[/]");
            return (ExitCodes.CannotProcess, false);
        }
        catch (UsageException e)
        {
            // Configuration, options, the store, the target, a lock, a folder or the disk: the next file would meet the
            // same, and this one is not at fault. Any one-sentence problem that is not the file's counts as the run's:
            // a good file wrongly in failed/ is worse than a file left for the next night.
            console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} stays in the inbox: a problem of the run, not of the file; the inbox stops here.") + "[/]");
            return (e is AlreadyRunningException ? ExitCodes.AlreadyRunning : ExitCodes.CannotProcess, true);
        }

        if (!InboxFolder.Unchanged(file, length, written))
        {
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} changed while it was processed; it stays in the inbox for the next run.") + "[/]");
            return (exit, false);
        }

        var summary = ReadSummary(runFolder);
        // A run that made its folder but could not write its summary (a full disk, a folder it cannot write) stopped for the
        // run's sake, not the file's: a file problem is always summarised (InputFile.Report), and checks of options come before the folder.
        var unsummarised = exit == ExitCodes.CannotProcess && summary is null && Directory.Exists(runFolder);
        var stopped = signals?.Stop.IsCancellationRequested == true || summary?.AbortCause is not null || (exit == ExitCodes.CannotProcess && summary is { Cancelled: true }) || unsummarised;
        if (stopped || planOnly)
        {
            if (stopped)
            {
                console.MarkupLine("[yellow]" + SafeConsole.Line($"{Path.GetFileName(file)} stays in the inbox: its run stopped before the end ({summary?.AbortCause ?? (unsummarised ? "its summary could not be written" : "cancelled")}), not because of the file.") + "[/]");
            }

            return (exit, stopped);
        }

        var moved = inbox.MoveTo(file, exit == ExitCodes.CannotProcess ? inbox.Failed : inbox.Processed);
        console.MarkupLine(SafeConsole.Line($"{Path.GetFileName(file)} → {moved} (exit code {exit})"));
        return (exit, false);
    }

    private string? _stateFile;

    private IEnumerable<string> Arguments(ParseResult parse, string verb, string file, string runFolder)
    {
        yield return verb;
        yield return file;
        yield return "--state";
        yield return _stateFile!;
        yield return "--out";
        yield return runFolder;
        if (parse.GetValue(_config) is { } config)
        {
            yield return "--config";
            yield return Path.GetFullPath(config);
        }

        foreach (var option in _valued)
        {
            if (parse.GetValue(option) is { } value)
            {
                yield return option.Name;
                yield return value;
            }
        }

        foreach (var flag in _flags.Where(f => parse.GetValue(f)))
        {
            yield return flag.Name;
        }
    }

    private string UniqueRunFolder(string runs, string file)
    {
        var stamp = time.GetLocalNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var stem = Path.GetFileNameWithoutExtension(file);
        var folder = Path.Combine(runs, $"{stamp}-{stem}");
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = Path.Combine(runs, $"{stamp}-{stem}-{n}");
        }

        return folder;
    }

    /// <summary>The newest run folder of this very file (same path and SHA-256, per its run.json) that did not finish, or null.</summary>
    private static string? UnfinishedRun(string runs, string file)
    {
        if (!Directory.Exists(runs))
        {
            return null;
        }

        var hash = Reading.FileHash.Sha256Of(file);
        foreach (var folder in Directory.EnumerateDirectories(runs).OrderByDescending(f => f, StringComparer.Ordinal))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, Resume.RunManifest.FileName)));
                var root = doc.RootElement;
                if (root.GetProperty("input").GetString() != Path.GetFullPath(file) || root.GetProperty("sha256").GetString() != hash)
                {
                    continue;
                }

                var summary = File.Exists(Path.Combine(folder, "summary.json")) ? ReadSummary(folder) : null;
                return summary is null || summary.AbortCause is not null || summary.Cancelled ? folder : null;
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
            {
                // no run.json (a plan, or a run that died before writing it): not resumable
            }
        }

        return null;
    }

    private sealed record SummaryFacts(string? AbortCause, bool Cancelled);

    private static SummaryFacts? ReadSummary(string runFolder)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json")));
            var root = doc.RootElement;
            var cause = root.TryGetProperty("abortCause", out var c) ? c.GetString() : null;
            var reason = root.TryGetProperty("abortReason", out var r) ? r.GetString() : null;
            return new SummaryFacts(cause, reason?.StartsWith("Cancelled", StringComparison.Ordinal) == true);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // no summary: the file itself could not be used (the apply said why)
        }
    }
}
