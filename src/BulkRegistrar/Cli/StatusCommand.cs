using System.CommandLine;
using BulkRegistrar.Graph;
using BulkRegistrar.Graph.Credentials;
using GraphEmulator;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>status &lt;csv | run-folder&gt;</c>: whether the users of a file, or of a finished apply run, have finished onboarding — every
/// authentication method each has, whether one of them is strong (<c>Status:StrongMethods</c>, <c>--strong</c>), and for a run
/// folder what became of the pass that run issued. Reads only; writes its own run folder (audit, summary.json, report.html).
/// Exit 0 when everyone is complete, 1 when someone is pending (or could not be checked), 2 when nothing could be checked.
/// </summary>
internal sealed class StatusCommand(IAnsiConsole console, TimeProvider time, StopSignals? signals = null)
{
    public const string ExitCodesHelp =
        """
        Exit codes:
          0  every user has finished onboarding (holds a strong method)
          1  some user is pending, or could not be checked (not found, invalid line,
             a read that failed) — see audit.csv
          2  nothing could be checked: the file or run folder cannot be used (missing,
             no user column, a header but no rows, not a finished apply run), a bad
             option or configuration, or the run was aborted or cancelled
        """;

    private readonly Argument<string> _input = new("csv-or-run-folder")
    {
        Description = "A CSV whose user column names the users (any file apply reads), or the folder of a finished apply run.",
    };

    private readonly Option<string?> _strong = new("--strong")
    {
        Description = "The method types any one of which completes onboarding, comma-separated (overrides Status:StrongMethods; default "
            + "microsoftAuthenticator,fido2,windowsHelloForBusiness,hardwareOath,softwareOath).",
        HelpName = "TYPES",
    };

    private readonly Option<string?> _out = new("--out") { Description = "Run folder (default: runs/<yyyyMMdd-HHmmss>-status-<name>/).", HelpName = "DIR" };
    private readonly Option<string?> _config = new("--config") { Description = "An extra JSON configuration file layered over appsettings.json.",
        HelpName = "FILE" };
    private readonly Option<string?> _encoding = new("--encoding") { Description = "Read the CSV in this encoding (e.g. windows-1252).", HelpName = "NAME" };
    private readonly Option<bool> _emulator = new("--emulator") { Description = "Read from the built-in Graph emulator." };
    private readonly Option<string?> _emulatorUrl = new("--emulator-url") { Description = "Read from a standalone emulator, e.g. https://127.0.0.1:5443.",
        HelpName = "URL" };

    private readonly Option<string?> _auth = new("--auth")
    {
        Description = "How the app signs in (overrides Graph:Auth:Mode): ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity, AzureCli, "
            + "Default, DeviceCode.",
        HelpName = "MODE",
    };

    public Command Build()
    {
        var command = new Command("status", "Report whether the users of a CSV or of an apply run have finished onboarding (a strong method registered) and "
            + "whether the run's passes were used. Reads only.")
        {
            _input, _strong, _out, _config, _encoding, _emulator, _emulatorUrl, _auth,
        };
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var input = parse.GetValue(_input)!;
        if (parse.GetValue(_emulator) && parse.GetValue(_emulatorUrl) is not null)
        {
            throw new UsageException("Use either --emulator or --emulator-url, not both.");
        }

        var settings = AppSettings.Load(parse.GetValue(_config));
        var strong = parse.GetValue(_strong) is { } s ? Status.MethodTypes.Resolve(s.Split(','), "--strong") : settings.Status.Strong();
        RunFolder.CheckUnused(parse.GetValue(_out));
        // Read whole before the run folder: a file or folder that cannot be used is one sentence and leaves nothing behind.
        var source = Directory.Exists(input)
            ? Status.StatusSource.FromRun(Path.GetFullPath(input))
            : Status.StatusSource.FromCsv(input, settings.Csv, parse.GetValue(_encoding) ?? settings.Csv.Encoding);
        var mode = parse.GetValue(_auth) is { } a ? AuthModes.Parse(a, "--auth") : (AuthMode?)null;
        var credentials = CredentialFactory.ForProcess(settings.ResolvePath, line => console.MarkupLine(SafeConsole.Line(line)));
        GraphTarget? target = null;
        if (parse.GetValue(_emulatorUrl) is { } url)
        {
            target = await TargetFactory.ForEmulatorUrlAsync(url, settings.Emulator, ct, settings.Graph, credentials,
                mode == AuthMode.DeviceCode ? null : mode);
        }
        else if (!parse.GetValue(_emulator))
        {
            target = TargetFactory.ForTenant(settings.Graph, credentials, mode);
        }

        var stem = Directory.Exists(input) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(input)))
            : Path.GetFileNameWithoutExtension(input);
        var folder = RunFolder.Create(parse.GetValue(_out), settings.Run.OutputRoot, "status-" + stem, time);
        using var run = new RunContext
        {
            Mode = "status", InputPath = source.InputPath, RunFolder = folder, Settings = settings, Region = null, Encoding = parse.GetValue(_encoding),
            Log = Logging.Create(settings.Configuration, folder, settings.ProductionLog), Console = console, Time = time,
        };
        RunningEmulator? emulator = null;
        try
        {
            if (target is null)
            {
                (target, emulator) = await TargetFactory.StartEmulatorAsync(settings.Emulator, ct);
            }

            return await new StatusRun(run, signals).RunAsync(source, new Status.Onboarding(strong), target, ct);
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }
}
