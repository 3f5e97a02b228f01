using System.Globalization;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Reading;
using Spectre.Console;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Cli;

/// <summary>
/// The body of a plan or apply run whose folder, settings and target are ready (<see cref="GraphRun"/>): the resumed
/// journal, the banner, the audit, the pipeline with its progress, and the end — summary.json and the exit code.
/// </summary>
internal sealed class GraphRunPipeline(bool apply, IAnsiConsole console, TimeProvider time, StopSignals? signals)
{
    /// <summary>The reregister deletions this apply may make without --yes (<see cref="ReregisterGuard"/>); null: no guard (plan, --yes).</summary>
    public long? DeletionLimit { get; init; }

    private string Verb => apply ? "apply" : "plan";

    /// <param name="resuming">apply --resume: the run folder's audit is the journal of the run being finished.</param>
    public async Task<int> RunAsync(RunContext run, PipelineSettings settings, GraphTarget target, CancellationToken ct, bool resuming)
    {
        var journal = resuming ? Resume.AuditJournal.Prepare(run.RunFolder, target.Kind) : null;
        if (journal is not null)
        {
            settings = settings with { Resume = new Resume.ResumedRecords(journal.Kept.Select(k => k.Record), IntentJournal.Read(run.RunFolder)) };
            KeepTimelineAside(run.RunFolder);
            var unanswered = settings.Resume.Unanswered > 0 ? $", {settings.Resume.Unanswered} writes sent without a recorded answer re-read first" : "";
            var line = $"Resuming {run.RunFolder}: {journal.Kept.Count} finished records kept, {journal.Superseded.Count} re-planned (not sent or outcome "
                + $"unknown){unanswered}{(journal.TornBytes > 0 ? $", a torn last record ({journal.TornBytes} bytes) dropped" : "")}.";
            console.MarkupLine("[yellow]" + SafeConsole.Line(line) + "[/]");
            run.Log.Warning("Resuming {RunFolder}: {Kept} finished records kept, {Superseded} re-planned, torn tail {TornBytes} bytes dropped",
                run.RunFolder, journal.Kept.Count, journal.Superseded.Count, journal.TornBytes);
        }

        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · {Verb}{(apply ? "" : " (reads only)")} · "
            + $"{Path.GetFileName(run.InputPath)} → {target.Description}"));
        if (target.Identity is { } who)
        {
            // Who signs in, how and where — never a secret: the operator checks this line first when a night goes wrong.
            console.MarkupLine(SafeConsole.Line($"Tenant {who.TenantId ?? "(from the identity)"} · client id {who.ClientId ?? "(from the identity)"} · auth "
                + $"{who.Mode} · {who.Cloud.Name} cloud"));
            run.Log.Information("Identity: tenant {TenantId}, client id {ClientId}, auth {AuthMode}, cloud {Cloud}, sign-in at {Authority}",
                who.TenantId, who.ClientId, who.Mode, who.Cloud.Name, who.AuthorityHost);
        }

        run.Log.Information("Started BulkRegistrar {Version} {Mode} {File} into {RunFolder}", RunContext.ToolVersion, Verb, run.InputPath, run.RunFolder);
        run.Log.Information("Target: {Kind}, {Target}; concurrency ≤{Concurrency}, max attempts {MaxAttempts} per item × {EnvelopeAttempts} per envelope "
            + "(at most {WorstCaseSends} sends per operation), max retry time {MaxRetryTime}",
            target.Kind, target.Description, settings.Dispatch.Concurrency, settings.Dispatch.MaxAttempts, settings.Dispatch.EnvelopeAttempts,
            settings.Dispatch.WorstCaseSends, settings.Dispatch.MaxRetryTime.ToString("c", CultureInfo.InvariantCulture));

        var report = new RunReport(run);
        if (settings.Methods?.Beta == true)
        {
            report.Warn(MethodFlags.BetaWarning); // under the banner, in run.log and in summary.json's warnings
        }

        if (FreeSpace.Warning(run.RunFolder, new FileInfo(run.InputPath).Length, run.Settings.Run.MinFreeSpaceMB) is { } low)
        {
            report.Warn(low);
        }

        // Read before this run's journal opens: the interrupted run's journal last changed just before its last batch of writes was sent.
        var lagEnds = ResumeWait.LagEnds(run.RunFolder, settings.Resume?.Unanswered ?? 0, settings.Dispatch.ReadAfterWriteLag / target.TimeCompression,
            time);
        using var intents = apply ? IntentJournal.Open(run.RunFolder) : null;
        settings = settings with { Intents = intents, RetryAfters = apply ? new RetryAfterMark(run.RunFolder, time) : null };
        if (journal is not null)
        {
            await ResumeWait.RunAsync(run, console, time, lagEnds, ct);
        }

        using var onStop = ct.Register(() =>
        {
            var line = $"Stopping ({signals?.Signal ?? "Ctrl+C"}): nothing new is sent; waiting up to {run.Settings.Dispatch.DrainTime.TotalSeconds:0} s "
                + "for requests in flight. Press Ctrl+C again to stop waiting.";
            console.MarkupLine("[yellow]" + SafeConsole.Line(line) + "[/]");
            run.Log.Warning("Stop requested by {Signal}; waiting up to {DrainTime} for requests in flight",
                signals?.Signal ?? "Ctrl+C", run.Settings.Dispatch.DrainTime);
        });
        using var audit = report.Watch(journal is null
            ? AuditWriter.Open(run.RunFolder, time, target.Kind)
            : AuditWriter.Append(run.RunFolder, time, target.Kind, journal.Kept.Select(k => k.Record)));
        foreach (var (kept, _) in journal?.Kept ?? [])
        {
            report.Observe(kept);
        }

        var deletions = 0L; // reregister's, for the sentence about what revert cannot restore
        var writer = new AuditStage<IReadOnlyList<AuditRecord>>(audit, records => records, r =>
        {
            // one writer task
            deletions += AuthMethods.Find(r.Method)?.DeletesHeldMethods == true && r.Outcome is Outcome.Deleted or Outcome.WouldDelete ? 1 : 0;
            report.Observe(r);
        });
        var pipeline = new ImportPipeline(settings, time, run.Log);
        InputFile? file = null;
        string? abort = null;
        string? abortCause = null;
        try
        {
            using var opened = file = InputFile.Open(run);
            if (DeletionLimit is { } limit && await ReregisterGuard.RefusalAsync(run, settings with { Intents = null }, target, limit, ct) is { } refused)
            {
                console.MarkupLine("[red]" + SafeConsole.Line(refused) + "[/]");
                run.Log.Error("Run refused ({Cause}): {Reason}", ReregisterGuard.AbortCause, refused);
                (abort, abortCause) = (refused, ReregisterGuard.AbortCause);
            }
            else
            {
                var work = pipeline.RunAsync(opened.Index, opened.Main, target, writer, ct, signals?.Now ?? default);
                var budget = run.Settings.Dispatch.Budget.WritesPerSecond * target.TimeCompression;
                using var timeline = apply ? Report.TimelineRecorder.Start(run.RunFolder, pipeline, budget, time) : null;
                var throughput = new ThroughputLog(run.Log, time, pipeline.Stats, () => pipeline.UsersDone, () => pipeline.Gate?.TimeClosed ?? TimeSpan.Zero);
                await Task.WhenAll(new ProgressReporter(console, pipeline, time).RunWhile(work), throughput.RunWhile(work));
                if (await work is { } stopped)
                {
                    (abort, abortCause) = (stopped.Reason, stopped.Name);
                    console.MarkupLine("[red]" + SafeConsole.Line("Run aborted: " + Masking.Text(abort)) + "[/]");
                    RunEvidence.SayWhereToResume(console, stopped, run.RunFolder, apply);
                    run.Log.Error("Run aborted ({Cause}): {Reason}", abortCause, Masking.Text(abort));
                }

                abort ??= ct.IsCancellationRequested ? null : InputFile.CheckHasRows(run, pipeline.Validation?.RowsRead ?? 0);
                if (pipeline.PolicyWarning is { } unpredicted)
                {
                    report.Warn(unpredicted); // the console, run.log and summary.json's warnings: this run predicted no policy refusal
                }
            }
        }
        catch (InputFileException e)
        {
            abort = InputFile.Report(run, e);
        }
        finally
        {
            await writer.CompleteAsync();
        }

        audit.Flush(); // before summary.json: nothing the summary counts may still sit in a buffer that could fail later
        if (audit.Failure is { } unwritten && abortCause != "evidenceUnwritable")
        {
            // Failed at the last flush, after the last batch: still the run's evidence that is missing, still exit 2.
            (abort, abortCause) = RunEvidence.Unwritten(run, console, audit.FailedPath!, unwritten, apply ? null : "run plan again");
        }

        if (State.StateSave.Problem(settings.State) is { } stateProblem)
        {
            // Before summary.json: the store's last commit decides the exit code as much as the rows do, and both must say the same.
            (abort, abortCause) = (abort ?? stateProblem, abortCause ?? State.StateStore.AbortCause);
            console.MarkupLine("[red]" + SafeConsole.Line(stateProblem) + "[/]");
            run.Log.Error("State store: {Problem}", stateProblem);
        }

        var cancelled = ct.IsCancellationRequested;
        var exit = abort is not null || cancelled ? ExitCodes.CannotProcess : RunReport.ExitCodeFor(audit.Tally);
        var input = InputFile.Describe(run, file);
        var stats = pipeline.Stats;
        var reason = abort ?? (cancelled ? $"Cancelled ({signals?.Signal ?? "Ctrl+C"})." : null);
        report.Finish(target.Description, audit, pipeline.Validation?.RowsRead ?? 0, input, exit, reason,
            new GraphStatistics(target.Kind, target.Identity?.Describe(), null,
            stats.Batches, stats.Requests, stats.Writes, stats.Throttled, stats.Retries, (long)(pipeline.Gate?.TimeClosed.TotalMilliseconds ?? 0),
            PeakBatchesInFlight: pipeline.Concurrency?.Peak ?? 0,
            HandoffSecrets: settings.Handoff?.Written ?? 0,
            Verified: pipeline.Verified.Verified,
            VerifyMismatches: pipeline.Verified.Mismatches,
            UsersUnchangedSinceLastRun: settings.State?.Skipped ?? 0,
            ResumedKeptRecords: journal?.Kept.Count ?? 0,
            Statuses: stats.Statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value)), abortCause);
        if (deletions > 0)
        {
            console.MarkupLine("[yellow]" + SafeConsole.Line($"reregister: {deletions} method(s) {(apply ? "deleted" : "would be deleted")}. Revert can "
                + "register deleted phones and e-mail again from the audit, but not a deleted Authenticator, passkey, Windows Hello or any other of the "
                + "user's own registrations: only the user registering again brings them back.") + "[/]");
        }

        if (settings.Handoff is { Written: > 0 } h)
        {
            var where = (h.ByManager, h.Recipient) switch
            {
                (false, null) => $"the hand-off file {h.Path} — readable by you only. Hand each to its person, then delete the file.",
                (true, null) => $"the hand-off folder {h.Path}, one file per manager — readable by you only. Give each manager their file, then delete it.",
                (_, { } r) => $"the hand-off folder {h.Path}{(h.ByManager ? ", by manager," : "")} encrypted to {r.Subject} (one file per secret; only that "
                    + "certificate's key opens them). Hand them over, then delete them.",
            };
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{h.Written} secret(s) (passes, passwords, PINs) are in {where}") + "[/]");
        }

        if (settings.Qr?.Badges is { Written: > 0 } badges)
        {
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{badges.Written} QR code badge(s) are in {badges.Path} — readable by you only (no PINs). "
                + "Print it, then delete it.") + "[/]");
        }

        return report.SummaryNotWritten is null ? exit : ExitCodes.CannotProcess;
    }

    /// <summary>The timeline samples one session's dispatch; the interrupted session's is kept beside it, and the resumed one starts its own.</summary>
    private static void KeepTimelineAside(string runFolder)
    {
        var timeline = Path.Combine(runFolder, Report.Timeline.FileName);
        for (var n = 1; File.Exists(timeline); n++)
        {
            var aside = Path.Combine(runFolder, $"timeline.before-resume-{n}.jsonl");
            if (!File.Exists(aside))
            {
                File.Move(timeline, aside);
            }
        }
    }
}
