using System.CommandLine;
using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
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
        using var run = RunStarter.Open("validate", parse, _options, console, time);
        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · validate (dry run: the tenant is not contacted) · {Path.GetFileName(run.InputPath)}"));
        run.Log.Information("Validating {File} into {RunFolder}", run.InputPath, run.RunFolder);

        var report = new RunReport(run);
        var stage = new ValidationStage(new RowValidator(_methods.Defaults(parse, run.Settings)), run.Region);
        using var audit = AuditWriter.Open(run.RunFolder, time);
        var writer = new AuditStage<UserRows>(audit, group => group.Rows.SelectMany(ValidationRecords.For), report.Observe);
        InputFile? file = null;
        string? abort = null;
        try
        {
            using var opened = file = InputFile.Open(run);
            await stage.RunAsync(opened.Index.ReadRows(), opened.Main.ReadRows(), group => writer.Accept(group, ct), ct);
            abort = InputFile.CheckHasRows(run, stage.RowsRead);
        }
        catch (InputFileException e)
        {
            abort = InputFile.Report(run, e);
        }
        finally
        {
            await writer.CompleteAsync();
        }

        var exit = abort is null ? RunReport.ExitCodeFor(audit.Tally) : ExitCodes.CannotProcess;
        var input = InputFile.Describe(run, file);
        report.Finish("none (dry run)", audit.Tally, stage.RowsRead, input, exit, abort);
        return exit;
    }
}
