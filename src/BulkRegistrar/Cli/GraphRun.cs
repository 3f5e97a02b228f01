using BulkRegistrar.Graph;
using BulkRegistrar.Graph.Credentials;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using GraphEmulator;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// One plan or apply run from its typed options: the checks that come before the run folder (options, state store,
/// hand-off file, target), the run folder and its lock, the target, then <see cref="GraphRunPipeline"/>. The plan and
/// apply verbs call it with their command line read, a resume with run.json's, the inbox with each file's.
/// </summary>
internal sealed class GraphRun(bool apply, IAnsiConsole console, TimeProvider time, StopSignals? signals)
{
    private string Verb => apply ? "apply" : "plan";

    /// <summary>
    /// apply --resume: the run folder's run.json names the file (refused if its hash changed) and the command
    /// line; that command line is read again, so the resumed run has exactly the options the run had.
    /// </summary>
    public async Task<int> ResumeAsync(string folder, CancellationToken ct)
    {
        var manifest = Resume.RunManifest.Load(folder);
        var options = GraphCommandLine.Recorded(manifest.Arguments);
        using var held = RunFolderLock.Take(Path.GetFullPath(folder), time, console); // before anything is read or appended
        return await RunAsync(options, ct, Path.GetFullPath(folder));
    }

    /// <summary>Runs plan or apply with these options: the entry of the plan and apply verbs and of the inbox.</summary>
    /// <param name="resumeFolder">apply --resume: the run folder to finish (its lock already held).</param>
    public async Task<int> RunAsync(GraphRunOptions o, CancellationToken ct, string? resumeFolder = null)
    {
        GraphTarget? target = null;
        Handoff.HandoffFile? handoff = null;
        Handoff.ChosenPasswords? passwords = null;
        Handoff.HandoffRecipient? recipient = null;
        Methods.QrCodePin.ChosenPins? pins = null;
        Methods.QrCodePin.BadgeSheet? badges = null;
        var qrCodes = false;
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        var byManager = o.HandoffBy == GraphRunOptions.ByManager;
        using var state = new State.StoreSlot(); // opened by the checks below, closed however the run ends
        var delegated = false;
        var secrets = false;
        using var run = await RunStarter.OpenAsync(Verb, o.Common, console, time, async settings =>
        {
            CheckOptions(o, settings);
            state.Store = StateStoreFor(o, settings); // locked, read-only or damaged: one sentence before the run folder exists
            // --device-code is --auth DeviceCode: a delegated sign-in by an administrator (password reset needs it).
            var mode = o.Auth is { } a ? AuthModes.Parse(a, "--auth") : o.DeviceCode ? AuthMode.DeviceCode : (AuthMode?)null;
            delegated = (mode ?? AuthModes.Parse(settings.Graph.Auth.Mode, "Graph:Auth:Mode")) == AuthMode.DeviceCode;
            var onEmulator = o.Emulator || o.EmulatorUrl is not null;
            CheckDelegated(o, settings, delegated);
            if (o.Methods.NewPasswords is { } passwordsPath)
            {
                passwords = Handoff.ChosenPasswords.Load(passwordsPath);
            }

            pins = o.Methods.NewPins is { } pinsPath ? Methods.QrCodePin.ChosenPins.Load(pinsPath) : null;
            qrCodes = apply && MethodFlags.WantsQrCodes(o.Common.Csv!, settings, o.Common.Encoding ?? settings.Csv.Encoding);
            zone = o.Methods.Defaults(settings).Zone;
            if (qrCodes && o.Badges is { } badgesPath)
            {
                badges = new Methods.QrCodePin.BadgeSheet(Path.GetFullPath(badgesPath), zone);
                badges.Prepare(); // before the run folder: a sheet that cannot be kept stops the run with nothing made
            }

            secrets = apply && o.Methods.WantsSecrets(o.Common.Csv!, settings, o.Common.Encoding ?? settings.Csv.Encoding);
            // A certificate that cannot be used is one sentence before the run folder exists, whether or not this file issues a secret.
            recipient = apply && o.HandoffRecipient is { } cert ? Handoff.HandoffRecipient.Load(cert, time.GetUtcNow()) : null;
            if (apply && o.Handoff is { } handoffPath)
            {
                handoff = Handoff.HandoffFile.Open(handoffPath, byManager, recipient);
                if (secrets)
                {
                    handoff.Prepare(); // before the run folder: a hand-off file that cannot be kept stops the run with nothing made
                }
            }

            var credentials = CredentialFactory.ForProcess(settings.ResolvePath, line => console.MarkupLine(SafeConsole.Line(line)));
            if (o.Emulator && mode is not (null or AuthMode.ClientSecret or AuthMode.DeviceCode))
            {
                throw new UsageException("--emulator signs in with the emulator's own test app secret; to try --auth " + mode + ", start a standalone "
                    + "emulator with the app's certificate registered and use --emulator-url.");
            }

            // On an emulator the device-code sign-in goes to the emulator's own flow (below), not the tenant's.
            if (onEmulator && mode == AuthMode.DeviceCode)
            {
                mode = null;
            }

            if (o.Emulator)
            {
                TargetFactory.LoadSeed(settings.Emulator); // a missing or damaged seed is one sentence before the run folder is made
            }
            else
            {
                target = o.EmulatorUrl is { } url
                    ? await TargetFactory.ForEmulatorUrlAsync(url, settings.Emulator, ct, settings.Graph, credentials, mode)
                    : TargetFactory.ForTenant(settings.Graph, credentials, mode);
                target = SignInEarly(target, o, settings, resumeFolder, delegated, ct);
            }
        }, resumeFolder);
        using var held = apply && resumeFolder is null ? RunFolderLock.Take(run.RunFolder, time, console) : null; // a resume holds it already
        RunningEmulator? emulator = null;
        try
        {
            if (target is null)
            {
                (target, emulator) = await TargetFactory.StartEmulatorAsync(run.Settings.Emulator, ct);
                target = SignInEarly(target, o, run.Settings, resumeFolder, delegated, ct);
            }

            var policy = o.OnConflict == GraphRunOptions.Update ? ConflictPolicy.Update : ConflictPolicy.Skip;
            if (delegated && (emulator is not null || o.EmulatorUrl is not null))
            {
                target = TargetFactory.WithDeviceCode(target, emulator, message =>
                {
                    console.MarkupLine(SafeConsole.Line(message));
                    run.Log.Information("Device-code sign-in requested; waiting for the administrator to approve it");
                });
            }

            var store = state.Store;
            store?.UseTarget(State.TargetKey.Of(target));
            var incremental = store is null ? null : new State.IncrementalState(store, o.Full, apply, run.Settings.State.MaxAge, policy, time);
            // One file, or a folder of them (one per manager, or one encrypted file per secret).
            handoff ??= apply ? Handoff.HandoffFile.Open(Path.Combine(run.RunFolder, byManager || recipient is not null
                ? Handoff.HandoffFile.DefaultFolder : Handoff.HandoffFile.DefaultName), byManager, recipient) : null;
            if (secrets)
            {
                handoff!.Prepare(); // evidence before work: the file exists and is written through before the first secret is asked for
            }

            if (qrCodes && badges is null)
            {
                badges = new Methods.QrCodePin.BadgeSheet(Path.Combine(run.RunFolder, Methods.QrCodePin.BadgeSheet.DefaultName), zone);
                badges.Prepare(); // the QR image exists only in Graph's answer: its sheet is written through before the first QR request
            }

            var settings = new PipelineSettings(apply, run.Region, policy, o.MaxChanges, run.Settings.Dispatch,
                o.Methods.Defaults(run.Settings) with { Keep = Methods.Reregister.MethodType.ParseKeep(o.Keep) },
                MethodOptions.Replacing(o.ReplaceTap, o.ReplaceQr), apply && o.Verify, handoff, passwords, incremental)
            {
                Qr = qrCodes ? new Methods.QrCodePin.QrRun(badges, pins) : null,
                ClampTapLifetime = o.ClampTapLifetime,
                RequirePolicy = o.RequirePolicy,
            };
            if (store is not null)
            {
                run.Log.Information("State store {Path}: {Users} users remembered for this target{Full}",
                    store.Path, store.Count, o.Full ? "; --full: every user is checked against Graph" : "");
                if (store.DroppedUnattributed > 0)
                {
                    run.Log.Warning("State store {Path}: {Dropped} users remembered before the store was keyed by tenant were dropped (they cannot be "
                        + "attributed to a tenant); they are checked against Graph once", store.Path, store.DroppedUnattributed);
                }
            }

            if (apply && resumeFolder is null)
            {
                // Before any row: what a resume needs if we die.
                RunEvidence.WriteManifest(Resume.RunManifest.For(Verb, run.InputPath, GraphCommandLine.Given(o), RunContext.ToolVersion), run.RunFolder);
            }

            return await new GraphRunPipeline(apply, console, time, signals)
            {
                DeletionLimit = apply && !o.Yes ? o.MaxChanges ?? ReregisterGuard.Threshold : null,
            }.RunAsync(run, settings, target, ct, resumeFolder is not null);
        }
        finally
        {
            handoff?.Dispose();
            badges?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    private static State.StateStore? StateStoreFor(GraphRunOptions o, AppSettings settings)
    {
        var path = o.State is { } sp ? Path.GetFullPath(sp) : settings.State.Path is { } cp ? settings.ResolvePath(cp) : null;
        return path is null ? null : State.StateStore.Open(path, settings.State.LockTimeout);
    }

    /// <summary>
    /// A full run needs a token for its first row, so it is asked for now, while the run opens and the file is
    /// read (issue 10, start-up). Not for an incremental or resumed run (it may have nothing to send and then asks
    /// nothing), nor for a device-code sign-in (it prompts the administrator, which must follow the banner).
    /// </summary>
    private static GraphTarget SignInEarly(
        GraphTarget target, GraphRunOptions o, AppSettings settings, string? resumeFolder, bool delegated, CancellationToken ct) =>
        delegated || resumeFolder is not null || o.State is not null || settings.State.Path is not null
            ? target
            : EarlyTokenCredential.Start(target, ct);

    private static void CheckOptions(GraphRunOptions o, AppSettings settings)
    {
        if (o.Emulator && o.EmulatorUrl is not null)
        {
            throw new UsageException("Use either --emulator or --emulator-url, not both.");
        }

        RunLimits.Check(o.Concurrency, o.MaxChanges);
        _ = Methods.Reregister.MethodType.ParseKeep(o.Keep); // a misspelt type is one sentence before the run folder exists, never a deletion
        if (o.Concurrency is { } c)
        {
            settings.Dispatch.Concurrency = c;
        }
    }

    /// <summary>
    /// Password reset is delegated-only in Graph (docs/graph-behaviour.md §3.3): with the app's own token every
    /// reset would be refused, so the run is refused before any row is read or a run folder is made.
    /// </summary>
    private static void CheckDelegated(GraphRunOptions o, AppSettings settings, bool delegated)
    {
        if (!delegated && o.Methods.WantsReset(o.Common.Csv!, settings, o.Common.Encoding ?? settings.Csv.Encoding))
        {
            // Asked for by the file's own column, it is the file's problem (an inbox moves it to failed/ and goes on with the next);
            // asked for by --reset-password, the run's (every file would meet it).
            throw Problem(o.Methods.ResetPassword, "Password reset was asked for (--reset-password or a ResetPassword column), but this run signs in "
                + "app-only (the app's own credential), "
                + "and Graph allows resetPassword only with a delegated sign-in by an Authentication Administrator. Nothing was sent. "
                + "Run with --device-code (--auth DeviceCode) to sign in as that administrator, or remove the ResetPassword column.");
        }

        static Exception Problem(bool byOption, string message) => byOption ? new RunProblemException(message) : new InputFileException(message);
    }
}
