using System.CommandLine;
using BulkRegistrar.Audit;
using BulkRegistrar.Inbox;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>inbox &lt;folder&gt;</c>: what a scheduler runs every night. Takes the folder's lock, then applies (or
/// with <c>--plan-only</c> plans) every settled <c>*.csv</c>, oldest first, each into its own run folder under
/// <c>&lt;folder&gt;/runs/</c>, and moves it to <c>processed/</c> or <c>failed/</c> (<see cref="InboxFileRun"/>).
/// Only a problem of the file itself sends it to failed/: a problem of the run (options, configuration, state store,
/// target, lock, folder, disk, a signal) leaves the file where it is for the next night and stops the inbox.
/// Exit code: the worst of the files'; 3 when another inbox run holds the lock.
/// </summary>
internal sealed class InboxCommand(IAnsiConsole console, TimeProvider time, StopSignals? signals)
{
    private readonly Argument<string> _folder = new("folder") { Description = "The folder HR drops CSV files into." };
    private readonly Option<bool> _planOnly = new("--plan-only") { Description = "Plan every file (read the tenant, write nothing); files stay in the inbox." };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "An extra JSON configuration file layered over appsettings.json; relative paths in it are relative to it.",
        HelpName = "FILE",
    };

    // Given to apply/plan for each file. Read as text and checked once (InboxChecks), so that a bad value is the run's problem.
    private readonly Option<string?> _region = new("--region") { Description = "As for apply.", HelpName = "XX" };
    private readonly Option<string?> _encoding = new("--encoding") { Description = "As for apply.", HelpName = "NAME" };
    private readonly Option<string?> _emulatorUrl = new("--emulator-url") { Description = "As for apply.", HelpName = "URL" };
    private readonly Option<string?> _auth = new("--auth") { Description = "As for apply.", HelpName = "MODE" };
    private readonly Option<string?> _onConflict = new("--on-conflict") { Description = "As for apply.", HelpName = "skip|update" };
    private readonly Option<string?> _maxChanges = new("--max-changes") { Description = "As for apply (per file).", HelpName = "N" };
    private readonly Option<string?> _concurrency = new("--concurrency") { Description = "As for apply.", HelpName = "N" };
    private readonly Option<bool> _emulator = new("--emulator") { Description = "As for apply." };
    private readonly Option<bool> _full = new("--full") { Description = "Check every user against Graph, ignoring the state store (which is still updated)." };

    public Command Build()
    {
        var command = new Command("inbox", "Process every CSV dropped in a folder (nightly): lock, apply each settled file, move it to processed/ or failed/.")
        {
            _folder, _planOnly, _config, _region, _encoding, _emulatorUrl, _auth, _onConflict, _maxChanges, _concurrency, _emulator, _full,
        };
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
        var stateFile = settings.State.Path is { } sp ? settings.ResolvePath(sp) : Path.Combine(runs, "state.db");
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
            console.MarkupLine(SafeConsole.Line($"{Path.GetFileName(file)}: still being written (changed less than "
                + $"{settings.Inbox.SettleTime.TotalSeconds:0} s ago); left for the next run."));
        }

        if (ready.Count == 0)
        {
            console.MarkupLine(SafeConsole.Line($"Nothing to do: no settled *.csv in {folder}."));
            return ExitCodes.Success;
        }

        // A problem every file's run would meet alike is said once, here, and leaves every file where it is.
        var options = Options(parse, stateFile);
        InboxChecks.Before(options, settings, console);
        var each = new InboxFileRun(console, time, signals, inbox, new InboxRuns(runs, time), options, parse.GetValue(_planOnly));
        var worst = ExitCodes.Success;
        for (var i = 0; i < ready.Count && !ct.IsCancellationRequested; i++)
        {
            var exit = await each.RunAsync(ready[i], $"{i + 1} of {ready.Count}", ct);
            worst = Math.Max(worst, exit.Code);
            if (exit.StopHere)
            {
                break; // the target or a signal stopped the run: the next file would meet the same
            }
        }

        return worst;
    }

    /// <summary>The options every file's run shares; each file adds its path and run folder.</summary>
    /// <exception cref="RunProblemException">A number that is not one.</exception>
    private GraphRunOptions Options(ParseResult parse, string stateFile) =>
        new(new CommonRunOptions(null, parse.GetValue(_region), null, parse.GetValue(_config) is { } c ? Path.GetFullPath(c) : null, parse.GetValue(_encoding)),
            new MethodFlags())
        {
            Emulator = parse.GetValue(_emulator),
            EmulatorUrl = parse.GetValue(_emulatorUrl),
            Auth = parse.GetValue(_auth),
            OnConflict = parse.GetValue(_onConflict) ?? GraphRunOptions.Skip,
            Concurrency = RunLimits.Number<int>(parse.GetValue(_concurrency), "--concurrency"),
            MaxChanges = RunLimits.Number<long>(parse.GetValue(_maxChanges), "--max-changes"),
            State = stateFile,
            Full = parse.GetValue(_full),
        };
}
