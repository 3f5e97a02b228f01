using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using BulkRegistrar.Export;
using BulkRegistrar.Graph;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
using GraphEmulator;
using Spectre.Console;

using BulkRegistrar.Audit;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>export [&lt;csv&gt;] [--all] [--out FILE]</c>: the current methods of the users a CSV names (or of
/// every user) as a CSV apply reads back — a backup before a bulk change, a list of who has no method
/// yet, a way to move registrations between tenants. Reads only.
/// </summary>
internal sealed class ExportCommand(IAnsiConsole console, TimeProvider time)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private readonly Argument<string?> _csv = new("csv") { Description = "A CSV whose user column names the users to export (any file apply or "
        + "validate reads).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _all = new("--all") { Description = "Export every user of the tenant (paged), instead of the users of a CSV." };
    private readonly Option<string?> _out = new("--out") { Description = "The CSV to write (default: export-<yyyyMMdd-HHmmss>.csv). Never "
        + "overwritten; created readable by its owner only.", HelpName = "FILE" };
    private readonly Option<string?> _config = new("--config") { Description = "An extra JSON configuration file layered over "
        + "appsettings.json.", HelpName = "FILE" };
    private readonly Option<string?> _encoding = new("--encoding") { Description = "Read the input CSV in this encoding (e.g. "
        + "windows-1252).", HelpName = "NAME" };
    private readonly Option<bool> _emulator = new("--emulator") { Description = "Read from the built-in Graph emulator." };
    private readonly Option<string?> _emulatorUrl = new("--emulator-url") { Description = "Read from a standalone emulator, e.g. "
        + "https://127.0.0.1:5443.", HelpName = "URL" };
    private readonly Option<bool> _beta = new("--beta") { Description = "Also export the hardware OATH tokens' serial numbers (an OathSerial column), "
        + "read from Graph's beta endpoints, which may change." };

    public Command Build()
    {
        var command = new Command("export", "Write the current methods (phones, e-mail, SMS sign-in) of a CSV's users, or --all users, as a CSV "
            + "apply reads. Reads only.");
        foreach (var symbol in new Symbol[] { _csv, _all, _out, _config, _encoding, _emulator, _emulatorUrl, _beta })
        {
            switch (symbol)
            {
                case Argument a: command.Add(a); break;
                case Option o: command.Add(o); break;
            }
        }

        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var csv = parse.GetValue(_csv);
        var all = parse.GetValue(_all);
        if (all == (csv is not null))
        {
            throw new UsageException("Name a CSV of users to export, or --all for every user of the tenant (not both).");
        }

        if (csv is not null && !File.Exists(csv))
        {
            throw new UsageException($"The file '{csv}' does not exist.");
        }

        if (parse.GetValue(_emulator) && parse.GetValue(_emulatorUrl) is not null)
        {
            throw new UsageException("Use either --emulator or --emulator-url, not both.");
        }

        var settings = AppSettings.Load(parse.GetValue(_config));
        var output = parse.GetValue(_out) ?? $"export-{time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
        if (File.Exists(output) || Directory.Exists(output))
        {
            throw new UsageException($"'{output}' already exists; an export never overwrites a file (it may be someone's only backup). Name a new "
                + $"file with --out.");
        }

        var reader = csv is null ? null : CsvRowReader.Open(csv, settings.Csv, parse.GetValue(_encoding) ?? settings.Csv.Encoding);
        RunningEmulator? emulator = null;
        try
        {
            GraphTarget target;
            if (parse.GetValue(_emulatorUrl) is { } url)
            {
                target = await TargetFactory.ForEmulatorUrlAsync(url, settings.Emulator, ct);
            }
            else if (parse.GetValue(_emulator))
            {
                (target, emulator) = await TargetFactory.StartEmulatorAsync(settings.Emulator, ct);
            }
            else
            {
                target = TargetFactory.ForTenant(settings.Graph);
            }

            return await ExportAsync(reader, output, target, settings, parse.GetValue(_beta), ct);
        }
        finally
        {
            reader?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    private async Task<int> ExportAsync(CsvRowReader? reader, string output, GraphTarget target, AppSettings settings, bool beta, CancellationToken ct)
    {
        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · export (reads only) · "
            + $"{(reader is null ? "all users" : Path.GetFileName(reader.Path))} → {output} · from {target.Description}"));
        if (beta)
        {
            console.MarkupLine("[yellow]" + SafeConsole.Line(MethodFlags.BetaWarning) + "[/]");
        }

        ExportFile file;
        try
        {
            file = ExportFile.Create(output, beta);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException($"Cannot create '{output}': the folder '{Path.GetDirectoryName(Path.GetFullPath(output))}' does not exist; "
                + $"create it or name another file with --out.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot create '{output}' ({IoReason.Of(e)}); name a file in a folder this account can write with --out.");
        }

        var exporter = new Exporter(settings.Dispatch, time, beta);
        var problems = 0L;
        string? abort;
        try
        {
            abort = await WriteAsync(file, exporter, reader, target, () => problems++, ct);
        }
        catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
        {
            abort = $"{Audit.EvidenceFailure.Problem(output, e)}; free space (or name another file with --out) and export again";
        }

        if (abort is not null)
        {
            // A partial export is not a backup: it is removed rather than left to be trusted later.
            abort += Remove(output);
            console.MarkupLine("[red]" + SafeConsole.Line($"Export stopped, nothing written: {Masking.Text(abort)}") + "[/]");
            return ExitCodes.CannotProcess;
        }

        console.MarkupLine(SafeConsole.Line($"{Progress(exporter)}. Wrote {output} (numbers unmasked: keep it safe; readable by its owner only)."));
        return problems > 0 ? ExitCodes.RowsNeedAttention : ExitCodes.Success;
    }

    /// <exception cref="IOException">The file could not be written (a full disk): the caller removes it.</exception>
    private async Task<string?> WriteAsync(ExportFile file, Exporter exporter, CsvRowReader? reader, GraphTarget target, Action problem, CancellationToken ct)
    {
        using (file)
        {
            var work = exporter.RunAsync(target, reader is null ? null : UsersOf(reader, ct), file, r =>
            {
                problem();
                console.MarkupLine(SafeConsole.Line($"  {r.Key}: {(r.NotFound ? "NotFound" : "Failed")} — {Masking.Text(r.Problem)}"));
            }, ct);
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(ProgressInterval, time, CancellationToken.None));
                if (!work.IsCompleted)
                {
                    console.MarkupLine(SafeConsole.Line(Progress(exporter)));
                }
            }

            return await work;
        }
    }

    /// <returns>Nothing when removed; else a clause saying the partial file is still there (a disk that went read-only).</returns>
    private static string Remove(string output)
    {
        try
        {
            File.Delete(output);
            return "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $". The partial file '{output}' could not be removed ({IoReason.Of(e)}): delete it, it is no backup";
        }
    }

    private static string Progress(Exporter e) => string.Create(CultureInfo.InvariantCulture,
        $"users exported {e.Exported}, not exported {e.Done - e.Exported} · requests {e.Stats.Requests} in {e.Stats.Batches} batches · retries "
            + $"{e.Stats.Retries} · 429s {e.Stats.Throttled}");

    /// <summary>The CSV's users, each once (case-insensitive); a row with no usable user is named and skipped.</summary>
    private async IAsyncEnumerable<string> UsersOf(CsvRowReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in reader.ReadRows())
        {
            ct.ThrowIfCancellationRequested();
            var check = row.Malformed is null ? UserIdValidator.Validate(row.User) : Verdict.Fail(ErrorCodes.MalformedRecord, row.Malformed);
            if (!check.IsValid)
            {
                console.MarkupLine(SafeConsole.Line($"  line {row.Line}: skipped — {check.Message}"));
                continue;
            }

            if (seen.Add(check.Value!))
            {
                yield return check.Value!;
            }
        }

        await Task.CompletedTask;
    }
}
