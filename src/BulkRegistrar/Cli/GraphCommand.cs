using System.CommandLine;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Graph.Credentials;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using GraphEmulator;
using Spectre.Console;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>plan &lt;csv&gt;</c> (reads the tenant, says what would change, writes nothing) and
/// <c>apply &lt;csv&gt;</c> (makes the tenant match the file). Same options as validate, plus the target
/// and the dispatch guardrails.
/// </summary>
internal sealed class GraphCommand(bool apply, IAnsiConsole console, TimeProvider time, StopSignals? signals = null)
{
    private readonly CommonOptions _options = new();
    private readonly Option<bool> _emulator = new("--emulator") { Description = "Run against the built-in Graph emulator (seeded from samples/directory.json, realistic faults, time-compressed budget): a whole run without a tenant." };
    private readonly Option<string?> _emulatorUrl = new("--emulator-url") { Description = "Run against a standalone emulator (dotnet run --project src/GraphEmulator), e.g. https://127.0.0.1:5443.", HelpName = "URL" };
    private readonly Option<string> _onConflict = new("--on-conflict") { Description = "When a different value is already registered: skip (report Conflict) or update (replace it).", DefaultValueFactory = _ => "skip", HelpName = "skip|update" };
    private readonly Option<long?> _maxChanges = new("--max-changes") { Description = "Guardrail: stop before the N+1th write; the remaining writes are Skipped (GuardrailReached).", HelpName = "N" };
    private readonly Option<string?> _auth = new("--auth") { Description = "How the app signs in (overrides Graph:Auth:Mode): ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity, AzureCli, Default, DeviceCode.", HelpName = "MODE" };
    private readonly Option<string?> _state = new("--state") { Description = "Incremental: the state store (SQLite) of users applied before; an unchanged user is Unchanged (UnchangedSinceLastRun) with no Graph call. Default: State:Path; none.", HelpName = "FILE" };
    private readonly Option<bool> _full = new("--full") { Description = "Check every user against Graph, ignoring the state store (which is still updated)." };
    private readonly Option<int?> _concurrency = new("--concurrency") { Description = "Upper bound of $batch requests in flight (default Dispatch:Concurrency, 16); the dispatcher adapts below it.", HelpName = "N" };

    private readonly MethodOptions _methods = new();
    private readonly Option<bool> _replaceTap = new("--replace-tap") { Description = "Issue a pass also to users who already hold a usable (or not yet valid) one; Graph replaces it and the old pass stops working." };
    private readonly Option<string?> _handoff = new("--handoff") { Description = "The hand-off file for passes and generated passwords (default: <run folder>/handoff.csv). An existing hand-off file is appended to, and its users get no second pass.", HelpName = "FILE" };
    private readonly Option<bool> _verify = new("--verify") { Description = "After each user's writes, re-read what was written; a write the tenant does not show is Failed (VerifyMismatch)." };
    private readonly Option<bool> _deviceCode = new("--device-code") { Description = "Sign in as an administrator with the device-code flow (delegated token; the same as --auth DeviceCode); needed for --reset-password." };

    private readonly Option<string?> _resume = new("--resume") { Description = "Finish a run that did not end (killed, crashed, stopped): its folder's input and options are used again, finished rows are kept, the rest is re-planned against the tenant; records are appended to the same audit. Give no file or other option with it.", HelpName = "RUN-FOLDER" };
    private Command? _command;

    private string Verb => apply ? "apply" : "plan";

    public Command Build()
    {
        var command = new Command(Verb, apply
            ? "Register the file's methods in the tenant: batched, throttle-aware, safe to rerun."
            : "Read the tenant and report what apply would change; writes nothing.");
        _options.AddTo(command);
        _onConflict.AcceptOnlyFromAmong("skip", "update");
        _methods.AddTo(command);
        foreach (var option in new Option[] { _emulator, _emulatorUrl, _auth, _onConflict, _maxChanges, _concurrency, _state, _full, _replaceTap, _handoff, _verify, _deviceCode })
        {
            command.Add(option);
        }

        if (apply)
        {
            _options.Csv.Arity = ArgumentArity.ZeroOrOne; // with --resume the file comes from the run folder
            command.Add(_resume);
        }

        command.SetAction((parse, ct) => parse.GetValue(_resume) is { } resume ? ResumeAsync(parse, resume, ct) : RunAsync(parse, ct));
        _command = command;
        return command;
    }

    /// <summary>
    /// apply --resume: the run folder's run.json names the file (refused if its hash changed) and the command
    /// line; that command line is parsed again, so the resumed run has exactly the options the run had.
    /// </summary>
    private async Task<int> ResumeAsync(ParseResult parse, string folder, CancellationToken ct)
    {
        var others = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().Where(o => !o.Implicit && o.Option != _resume);
        if (parse.GetValue(_options.Csv) is not null || others.Any())
        {
            throw new UsageException("--resume takes the input file and every option from the run folder (run.json); give it alone: apply --resume <run-folder>.");
        }

        var manifest = Resume.RunManifest.Load(folder);
        var again = _command!.Parse([.. manifest.Arguments]);
        if (again.Errors.Count > 0)
        {
            throw new UsageException($"--resume: the run's recorded options are no longer understood ({again.Errors[0].Message}); start a new run.");
        }

        using var held = RunFolderLock.Take(Path.GetFullPath(folder), time, console); // before anything is read or appended
        return await RunAsync(again, ct, Path.GetFullPath(folder));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct, string? resumeFolder = null)
    {
        GraphTarget? target = null;
        Handoff.HandoffFile? handoff = null;
        Handoff.ChosenPasswords? passwords = null;
        using var state = new State.StoreSlot(); // opened by the checks below, closed however the run ends
        var delegated = false;
        var secrets = false;
        using var run = await RunStarter.OpenAsync(Verb, parse, _options, console, time, async settings =>
        {
            CheckOptions(parse, settings);
            state.Store = StateStoreFor(parse, settings); // locked, read-only or damaged: one sentence before the run folder exists
            // --device-code is --auth DeviceCode: a delegated sign-in by an administrator (password reset needs it).
            var mode = parse.GetValue(_auth) is { } a ? AuthModes.Parse(a, "--auth") : parse.GetValue(_deviceCode) ? AuthMode.DeviceCode : (AuthMode?)null;
            delegated = (mode ?? AuthModes.Parse(settings.Graph.Auth.Mode, "Graph:Auth:Mode")) == AuthMode.DeviceCode;
            var onEmulator = parse.GetValue(_emulator) || parse.GetValue(_emulatorUrl) is not null;
            CheckDelegated(parse, settings, delegated);
            if (parse.GetValue(_methods.NewPasswords) is { } passwordsPath)
            {
                passwords = Handoff.ChosenPasswords.Load(passwordsPath);
            }

            secrets = apply && _methods.WantsSecrets(parse, parse.GetValue(_options.Csv)!, settings, parse.GetValue(_options.Encoding) ?? settings.Csv.Encoding);
            if (apply && parse.GetValue(_handoff) is { } handoffPath)
            {
                handoff = Handoff.HandoffFile.Open(handoffPath);
                if (secrets)
                {
                    handoff.Prepare(); // before the run folder: a hand-off file that cannot be kept stops the run with nothing made
                }
            }

            var credentials = CredentialFactory.ForProcess(settings.ResolvePath, line => console.MarkupLine(SafeConsole.Line(line)));
            if (parse.GetValue(_emulator) && mode is not (null or AuthMode.ClientSecret or AuthMode.DeviceCode))
            {
                throw new UsageException("--emulator signs in with the emulator's own test app secret; to try --auth " + mode + ", start a standalone emulator with the app's certificate registered and use --emulator-url.");
            }

            // On an emulator the device-code sign-in goes to the emulator's own flow (below), not the tenant's.
            if (onEmulator && mode == AuthMode.DeviceCode)
            {
                mode = null;
            }

            if (parse.GetValue(_emulator))
            {
                TargetFactory.LoadSeed(settings.Emulator); // a missing or damaged seed is one sentence before the run folder is made
            }
            else
            {
                target = parse.GetValue(_emulatorUrl) is { } url
                    ? await TargetFactory.ForEmulatorUrlAsync(url, settings.Emulator, ct, settings.Graph, credentials, mode)
                    : TargetFactory.ForTenant(settings.Graph, credentials, mode);
                target = SignInEarly(target, parse, settings, resumeFolder, delegated, ct);
            }
        }, resumeFolder);
        using var held = apply && resumeFolder is null ? RunFolderLock.Take(run.RunFolder, time, console) : null; // a resume holds it already
        RunningEmulator? emulator = null;
        try
        {
            if (target is null)
            {
                (target, emulator) = await TargetFactory.StartEmulatorAsync(run.Settings.Emulator, ct);
                target = SignInEarly(target, parse, run.Settings, resumeFolder, delegated, ct);
            }

            var policy = parse.GetValue(_onConflict) == "update" ? ConflictPolicy.Update : ConflictPolicy.Skip;
            if (delegated && (emulator is not null || parse.GetValue(_emulatorUrl) is not null))
            {
                target = TargetFactory.WithDeviceCode(target, emulator, message =>
                {
                    console.MarkupLine(SafeConsole.Line(message));
                    run.Log.Information("Device-code sign-in requested; waiting for the administrator to approve it");
                });
            }

            var store = state.Store;
            store?.UseTarget(State.TargetKey.Of(target));
            var incremental = store is null ? null : new State.IncrementalState(store, parse.GetValue(_full), apply, run.Settings.State.MaxAge, policy, time);
            handoff ??= apply ? Handoff.HandoffFile.Open(Path.Combine(run.RunFolder, Handoff.HandoffFile.DefaultName)) : null;
            if (secrets)
            {
                handoff!.Prepare(); // evidence before work: the file exists and is written through before the first secret is asked for
            }

            var settings = new PipelineSettings(apply, run.Region, policy, parse.GetValue(_maxChanges), run.Settings.Dispatch,
                _methods.Defaults(parse, run.Settings), parse.GetValue(_replaceTap), apply && parse.GetValue(_verify), handoff, passwords, incremental);
            if (store is not null)
            {
                run.Log.Information("State store {Path}: {Users} users remembered for this target{Full}", store.Path, store.Count, parse.GetValue(_full) ? "; --full: every user is checked against Graph" : "");
                if (store.DroppedUnattributed > 0)
                {
                    run.Log.Warning("State store {Path}: {Dropped} users remembered before the store was keyed by tenant were dropped (they cannot be attributed to a tenant); they are checked against Graph once", store.Path, store.DroppedUnattributed);
                }
            }

            if (apply && resumeFolder is null)
            {
                RunEvidence.WriteManifest(Resume.RunManifest.For(Verb, run.InputPath, parse, RunContext.ToolVersion), run.RunFolder); // before any row: what a resume needs if we die
            }

            return await RunPipelineAsync(run, settings, target, ct, resumeFolder is not null);
        }
        finally
        {
            handoff?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    private State.StateStore? StateStoreFor(ParseResult parse, AppSettings settings)
    {
        var path = parse.GetValue(_state) is { } sp ? Path.GetFullPath(sp) : settings.State.Path is { } cp ? settings.ResolvePath(cp) : null;
        return path is null ? null : State.StateStore.Open(path, settings.State.LockTimeout);
    }

    /// <summary>
    /// A full run needs a token for its first row, so it is asked for now, while the run opens and the file is
    /// read (issue 10, start-up). Not for an incremental or resumed run (it may have nothing to send and then asks
    /// nothing), nor for a device-code sign-in (it prompts the administrator, which must follow the banner).
    /// </summary>
    private GraphTarget SignInEarly(GraphTarget target, ParseResult parse, AppSettings settings, string? resumeFolder, bool delegated, CancellationToken ct) =>
        delegated || resumeFolder is not null || parse.GetValue(_state) is not null || settings.State.Path is not null
            ? target
            : EarlyTokenCredential.Start(target, ct);

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

    private void CheckOptions(ParseResult parse, AppSettings settings)
    {
        if (parse.GetValue(_emulator) && parse.GetValue(_emulatorUrl) is not null)
        {
            throw new UsageException("Use either --emulator or --emulator-url, not both.");
        }

        RunLimits.Check(parse.GetValue(_concurrency), parse.GetValue(_maxChanges));
        if (parse.GetValue(_concurrency) is { } c)
        {
            settings.Dispatch.Concurrency = c;
        }
    }

    /// <summary>
    /// Password reset is delegated-only in Graph (docs/graph-behaviour.md §3.3): with the app's own token every
    /// reset would be refused, so the run is refused before any row is read or a run folder is made.
    /// </summary>
    private void CheckDelegated(ParseResult parse, AppSettings settings, bool delegated)
    {
        if (!delegated && _methods.WantsReset(parse, parse.GetValue(_options.Csv)!, settings, parse.GetValue(_options.Encoding) ?? settings.Csv.Encoding))
        {
            // Asked for by the file's own column, it is the file's problem (an inbox moves it to failed/ and goes on with the next);
            // asked for by --reset-password, the run's (every file would meet it).
            throw Problem(parse.GetValue(_methods.ResetPassword), "Password reset was asked for (--reset-password or a ResetPassword column), but this run signs in app-only (the app's own credential), "
                + "and Graph allows resetPassword only with a delegated sign-in by an Authentication Administrator. Nothing was sent. "
                + "Run with --device-code (--auth DeviceCode) to sign in as that administrator, or remove the ResetPassword column.");
        }

        static Exception Problem(bool byOption, string message) => byOption ? new RunProblemException(message) : new InputFileException(message);
    }

    private async Task<int> RunPipelineAsync(RunContext run, PipelineSettings settings, GraphTarget target, CancellationToken ct, bool resuming)
    {
        var journal = resuming ? Resume.AuditJournal.Prepare(run.RunFolder, target.Kind) : null;
        if (journal is not null)
        {
            settings = settings with { Resume = new Resume.ResumedRecords(journal.Kept.Select(k => k.Record), IntentJournal.Read(run.RunFolder)) };
            KeepTimelineAside(run.RunFolder);
            var unanswered = settings.Resume.Unanswered > 0 ? $", {settings.Resume.Unanswered} writes sent without a recorded answer re-read first" : "";
            var line = $"Resuming {run.RunFolder}: {journal.Kept.Count} finished records kept, {journal.Superseded.Count} re-planned (not sent or outcome unknown){unanswered}{(journal.TornBytes > 0 ? $", a torn last record ({journal.TornBytes} bytes) dropped" : "")}.";
            console.MarkupLine("[yellow]" + SafeConsole.Line(line) + "[/]");
            run.Log.Warning("Resuming {RunFolder}: {Kept} finished records kept, {Superseded} re-planned, torn tail {TornBytes} bytes dropped", run.RunFolder, journal.Kept.Count, journal.Superseded.Count, journal.TornBytes);
        }

        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · {Verb}{(apply ? "" : " (reads only)")} · {Path.GetFileName(run.InputPath)} → {target.Description}"));
        if (target.Identity is { } who)
        {
            // Who signs in, how and where — never a secret: the operator checks this line first when a night goes wrong.
            console.MarkupLine(SafeConsole.Line($"Tenant {who.TenantId ?? "(from the identity)"} · client id {who.ClientId ?? "(from the identity)"} · auth {who.Mode} · {who.Cloud.Name} cloud"));
            run.Log.Information("Identity: tenant {TenantId}, client id {ClientId}, auth {AuthMode}, cloud {Cloud}, sign-in at {Authority}", who.TenantId, who.ClientId, who.Mode, who.Cloud.Name, who.AuthorityHost);
        }

        run.Log.Information("Started BulkRegistrar {Version} {Mode} {File} into {RunFolder}", RunContext.ToolVersion, Verb, run.InputPath, run.RunFolder);
        run.Log.Information("Target: {Kind}, {Target}; concurrency ≤{Concurrency}, max attempts {MaxAttempts} per item × {EnvelopeAttempts} per envelope (at most {WorstCaseSends} sends per operation), max retry time {MaxRetryTime}",
            target.Kind, target.Description, settings.Dispatch.Concurrency, settings.Dispatch.MaxAttempts, settings.Dispatch.EnvelopeAttempts, settings.Dispatch.WorstCaseSends,
            settings.Dispatch.MaxRetryTime.ToString("c", System.Globalization.CultureInfo.InvariantCulture));

        var report = new RunReport(run);
        if (FreeSpace.Warning(run.RunFolder, new FileInfo(run.InputPath).Length, run.Settings.Run.MinFreeSpaceMB) is { } low)
        {
            report.Warn(low);
        }

        using var intents = apply ? IntentJournal.Open(run.RunFolder) : null;
        settings = settings with { Intents = intents };
        using var onStop = ct.Register(() =>
        {
            var line = $"Stopping ({signals?.Signal ?? "Ctrl+C"}): nothing new is sent; waiting up to {run.Settings.Dispatch.DrainTime.TotalSeconds:0} s for requests in flight. Press Ctrl+C again to stop waiting.";
            console.MarkupLine("[yellow]" + SafeConsole.Line(line) + "[/]");
            run.Log.Warning("Stop requested by {Signal}; waiting up to {DrainTime} for requests in flight", signals?.Signal ?? "Ctrl+C", run.Settings.Dispatch.DrainTime);
        });
        using var audit = journal is null ? AuditWriter.Open(run.RunFolder, time, target.Kind) : AuditWriter.Append(run.RunFolder, time, target.Kind, journal.Kept.Select(k => k.Record));
        foreach (var (kept, _) in journal?.Kept ?? [])
        {
            report.Observe(kept);
        }

        var writer = new AuditStage<IReadOnlyList<AuditRecord>>(audit, records => records, report.Observe);
        var pipeline = new ImportPipeline(settings, time, run.Log);
        InputFile? file = null;
        string? abort = null;
        string? abortCause = null;
        try
        {
            using var opened = file = InputFile.Open(run);
            var work = pipeline.RunAsync(opened.Index, opened.Main, target, writer, ct, signals?.Now ?? default);
            using var timeline = apply ? Report.TimelineRecorder.Start(run.RunFolder, pipeline, run.Settings.Dispatch.Budget.WritesPerSecond * target.TimeCompression, time) : null;
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
        report.Finish(target.Description, audit.Tally, pipeline.Validation?.RowsRead ?? 0, input, exit, abort ?? (cancelled ? $"Cancelled ({signals?.Signal ?? "Ctrl+C"})." : null), new GraphStatistics(target.Kind, target.Identity?.Describe(), null,
            stats.Batches, stats.Requests, stats.Writes, stats.Throttled, stats.Retries, (long)(pipeline.Gate?.TimeClosed.TotalMilliseconds ?? 0),
            PeakBatchesInFlight: pipeline.Concurrency?.Peak ?? 0,
            HandoffSecrets: settings.Handoff?.Written ?? 0,
            Verified: pipeline.Verified.Verified,
            VerifyMismatches: pipeline.Verified.Mismatches,
            UsersUnchangedSinceLastRun: settings.State?.Skipped ?? 0,
            ResumedKeptRecords: journal?.Kept.Count ?? 0,
            Statuses: stats.Statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value)), abortCause);
        if (settings.Handoff is { Written: > 0 } h)
        {
            console.MarkupLine("[yellow]" + SafeConsole.Line($"{h.Written} secret(s) (passes, passwords) are in the hand-off file {h.Path} — readable by you only. Hand each to its person, then delete the file.") + "[/]");
        }

        return report.SummaryNotWritten is null ? exit : ExitCodes.CannotProcess;
    }
}
