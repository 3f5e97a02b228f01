using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using Spectre.Console.Testing;

namespace BulkRegistrar.Tests.Cli;

/// <summary>The end of a run when its summary.json cannot be written: what the console and run.log say is what the process returns.</summary>
public sealed class RunReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_run_whose_summary_cannot_be_written_says_exit_code_2_on_the_console_and_in_run_log_as_the_process_returns()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "summary.json")); // stands in for a disk that refuses the file
        var console = new TestConsole().Width(400);
        var log = new CollectingLog();
        var report = new RunReport(ValidateRunContext.In(_folder, console, log.Logger));

        using var audit = new AuditWriter(TimeProvider.System);
        var summary = report.Finish("none", audit, 0, new RunInput("a.csv", 1, null, null, null), ExitCodes.Success);

        Assert.NotNull(report.SummaryNotWritten);
        // validate keeps no intents
        Assert.Contains("the run's records are in audit.jsonl as far as the disk allowed", report.SummaryNotWritten, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CannotProcess, summary.ExitCode);
        Assert.Contains("Exit code 2.", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exit code 0.", console.Output, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith("Finished \"validate\": exit code 2;", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains("report.html", StringComparison.Ordinal)); // built from summary.json: not attempted
        Assert.False(File.Exists(Path.Combine(_folder, "report.html")));
    }
}
