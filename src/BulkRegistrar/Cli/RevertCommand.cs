using System.CommandLine;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Revert;
using GraphEmulator;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>revert &lt;run-folder&gt; [--plan]</c>: undoes what an apply run changed, from its audit — methods it
/// created are removed, values it replaced or removed are put back, SMS sign-in toggles are toggled back;
/// whatever was changed again since is left alone (<c>Conflict</c>). Passwords and Temporary Access Passes
/// are never touched by apply, so never "reverted". Writes its own run folder and audit.
/// </summary>
internal sealed class RevertCommand(IAnsiConsole console, TimeProvider time)
{
    private readonly Argument<string> _runFolder = new("run-folder") { Description = "The folder of the apply run to undo (it holds audit.jsonl and "
        + "summary.json)." };
    private readonly Option<bool> _plan = new("--plan") { Description = "Say what would be undone; write nothing to the tenant." };

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Run folder for the revert's own audit (default: runs/<yyyyMMdd-HHmmss>-revert-<run>/).",
        HelpName = "DIR",
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "An extra JSON configuration file layered over appsettings.json.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _emulator = new("--emulator")
    {
        Description = "Against the built-in Graph emulator (a fresh one: only useful with --plan or for a demo).",
    };

    private readonly Option<string?> _emulatorUrl = new("--emulator-url")
    {
        Description = "Against a standalone emulator, e.g. https://127.0.0.1:5443.",
        HelpName = "URL",
    };

    public Command Build()
    {
        var command = new Command("revert", "Undo what an apply run changed, from its audit; a method changed again since is left alone (Conflict). "
            + "Passwords and passes are never reverted.")
        {
            _runFolder, _plan, _out, _config, _emulator, _emulatorUrl,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var source = Path.GetFullPath(parse.GetValue(_runFolder)!);
        var write = !parse.GetValue(_plan);
        if (parse.GetValue(_emulator) && parse.GetValue(_emulatorUrl) is not null)
        {
            throw new UsageException("Use either --emulator or --emulator-url, not both.");
        }

        var plan = RevertSource.Read(source);
        var settings = AppSettings.Load(parse.GetValue(_config));
        RunFolder.CheckUnused(parse.GetValue(_out));
        GraphTarget? target = null;
        if (parse.GetValue(_emulatorUrl) is { } url)
        {
            target = await TargetFactory.ForEmulatorUrlAsync(url, settings.Emulator, ct);
        }
        else if (!parse.GetValue(_emulator))
        {
            target = TargetFactory.ForTenant(settings.Graph);
        }

        var audit = AuditFile.In(source);
        // The folder is named after the run it undoes (RunFolder takes its stem from this name).
        var folder = RunFolder.Create(parse.GetValue(_out), settings.Run.OutputRoot, "revert-" + Path.GetFileName(source), time);
        using var run = new RunContext
        {
            Mode = write ? "revert" : "revert-plan", InputPath = audit, RunFolder = folder, Settings = settings, Region = null, Encoding = null,
            Log = Logging.Create(settings.Configuration, folder, settings.ProductionLog), Console = console, Time = time,
        };
        RunningEmulator? emulator = null;
        try
        {
            if (target is null)
            {
                (target, emulator) = await TargetFactory.StartEmulatorAsync(settings.Emulator, ct);
            }

            return await RevertAsync(run, plan, target, write, ct);
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    private async Task<int> RevertAsync(RunContext run, RevertSource.Plan plan, GraphTarget target, bool write, CancellationToken ct)
    {
        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · revert{(write ? "" : " --plan (writes nothing)")} of "
            + $"{Path.GetDirectoryName(run.InputPath)} · {plan.Changes} changes of {plan.Users.Count} users → {target.Description}"));
        console.MarkupLine(SafeConsole.Line("Passwords and Temporary Access Passes are never reverted (apply does not change them)."));
        run.Log.Information("Reverting {Audit} against {Target} into {RunFolder}", run.InputPath, target.Description, run.RunFolder);

        var report = new RunReport(run);
        using var audit = report.Watch(AuditWriter.Open(run.RunFolder, time, target.Kind));
        var writer = new AuditStage<IReadOnlyList<AuditRecord>>(audit, records => records, report.Observe);
        using var intents = write ? IntentJournal.Open(run.RunFolder, RevertPipeline.RunAgain) : null;
        var pipeline = new RevertPipeline(run.Settings.Dispatch, write, time, intents);
        string? abort;
        try
        {
            abort = await pipeline.RunAsync(plan, target, writer, ct);
        }
        finally
        {
            await writer.CompleteAsync();
        }

        var abortCause = abort is null ? null : pipeline.AbortCause;
        if (audit.Failure is { } unwritten && abort is null)
        {
            (abort, abortCause) = RunEvidence.Unwritten(run, console, audit.FailedPath!, unwritten, RevertPipeline.RunAgain);
        }

        var cancelled = ct.IsCancellationRequested;
        var exit = abort is not null || cancelled ? ExitCodes.CannotProcess : RunReport.ExitCodeFor(audit.Tally);
        var input = new RunInput("audit.jsonl", new FileInfo(run.InputPath).Length, Reading.FileHash.Sha256Of(run.InputPath), "utf-8", null);
        var reason = abort ?? (cancelled ? "Cancelled (Ctrl+C)." : null);
        report.Finish(target.Description, audit, plan.Changes, input, exit, reason,
            new GraphStatistics(target.Kind, null, Path.GetDirectoryName(run.InputPath)!,
            pipeline.Stats.Batches, pipeline.Stats.Requests, pipeline.Stats.Writes, pipeline.Stats.Throttled, pipeline.Stats.Retries,
            (long)(pipeline.Gate?.TimeClosed.TotalMilliseconds ?? 0)), abortCause);
        return report.SummaryNotWritten is null ? exit : ExitCodes.CannotProcess;
    }
}
