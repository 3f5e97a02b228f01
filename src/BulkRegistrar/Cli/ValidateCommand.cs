using System.CommandLine;
using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary><c>validate &lt;csv&gt;</c>: the dry run. Reads and checks every row; never contacts the tenant.</summary>
internal sealed class ValidateCommand(IAnsiConsole console, TimeProvider time)
{
    private readonly CommonOptions _options = new();
    private readonly MethodOptions _methods = new();

    public Command Build()
    {
        var command = new Command("validate", "Check a CSV without touching the tenant: which rows are ready, which are broken, and why.");
        _options.AddTo(command);
        _methods.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        using var run = RunStarter.Open("validate", _options.Read(parse), console, time);
        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · validate (dry run: the tenant is not contacted) · "
            + $"{Path.GetFileName(run.InputPath)}"));
        run.Log.Information("Validating {File} into {RunFolder}", run.InputPath, run.RunFolder);

        var report = new RunReport(run);
        var defaults = _methods.Read(parse).Defaults(run.Settings);
        if (defaults.Beta)
        {
            report.Warn(MethodFlags.BetaWarning);
        }

        var pipeline = new ImportPipeline(PipelineSettings.ValidateOnly(run.Region, defaults), time, run.Log);
        using var audit = report.Watch(AuditWriter.Open(run.RunFolder, time));
        InputFile? file = null;
        string? abort = null;
        try
        {
            using var opened = file = InputFile.Open(run);
            await pipeline.ValidateAsync(opened.Index, opened.Main, audit, report.Observe, ct);
            abort = InputFile.CheckHasRows(run, pipeline.Validation?.RowsRead ?? 0);
        }
        catch (InputFileException e)
        {
            abort = InputFile.Report(run, e);
        }

        audit.Flush(); // before summary.json: a buffer that failed after it would leave a summary claiming records the audit lacks
        if (audit.Failure is { } unwritten)
        {
            // An audit with holes is not a verdict on the file.
            abort = RunEvidence.Unwritten(run, console, audit.FailedPath!, unwritten, "run validate again").Reason;
        }

        var rowsRead = pipeline.Validation?.RowsRead ?? 0;
        var exit = abort is null ? RunReport.ExitCodeFor(audit.Tally) : ExitCodes.CannotProcess;
        var input = InputFile.Describe(run, file);
        report.Finish("none (dry run)", audit, rowsRead, input, exit, abort);
        return report.SummaryNotWritten is null ? exit : ExitCodes.CannotProcess;
    }
}
