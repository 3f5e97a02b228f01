using System.Security.Cryptography;
using BulkRegistrar.Audit;
using Spectre.Console;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Cli;

/// <summary>
/// The end of every run: <c>summary.json</c>, the console summary, and the exit code derived from
/// the tally. Collects the first few problems as they are written so the console can show them.
/// </summary>
internal sealed class RunReport(RunContext run)
{
    private const int MaxProblemsShown = 15;
    private readonly List<AuditRecord> _problems = [];
    private readonly long _started = run.Time.GetTimestamp();
    private readonly DateTimeOffset _startedAt = run.Time.GetUtcNow();

    private readonly List<string> _warnings = [];
    private readonly Report.AttentionRows _attention = new();
    private AuditWriter? _watched;

    /// <summary>Why summary.json could not be written (one sentence, already shown), or null: such a run exits 2.</summary>
    public string? SummaryNotWritten { get; private set; }

    /// <summary>A warning of the run (console and run.log now, summary.json at the end).</summary>
    public void Warn(string warning)
    {
        _warnings.Add(warning);
        run.Console.MarkupLine("[yellow]" + Markup.Escape(warning) + "[/]");
        run.Log.Warning("{Warning}", warning);
    }

    /// <summary>
    /// Collects the run's rows that need attention as <paramref name="audit"/> writes them, for report.html: a run that
    /// wrote its whole audit need not read a million-row audit.jsonl back at the end (docs/benchmarks.md, issue 22).
    /// </summary>
    /// <returns><paramref name="audit"/>, so a verb opens and watches it in one statement.</returns>
    public AuditWriter Watch(AuditWriter audit)
    {
        if (audit.WroteWholeAudit)
        {
            // A resume's files also hold the killed run's records: its report reads them back, so nothing is collected for it.
            _watched = audit;
            audit.AttentionWritten = _attention.Add;
        }

        return audit;
    }

    public void Observe(AuditRecord record)
    {
        if (_problems.Count < MaxProblemsShown && OutcomeKinds.NeedsAttention(record.Outcome))
        {
            _problems.Add(record);
        }
    }

    public static int ExitCodeFor(AuditTally tally)
    {
        var attention = Enum.GetValues<Outcome>().Where(OutcomeKinds.NeedsAttention).Sum(o => tally[o]);
        return attention > 0 ? ExitCodes.RowsNeedAttention : ExitCodes.Success;
    }

    public RunSummary Finish(string target, AuditWriter audit, long rowsRead, RunInput input, int exitCode, string? abortReason = null,
        GraphStatistics? graph = null, string? abortCause = null, StatusSummary? status = null)
    {
        var tally = audit.Tally;
        var elapsed = run.Time.GetElapsedTime(_started);
        var summary = new RunSummary(run.Mode, target, RunContext.ToolVersion, input, rowsRead, tally.Records,
            tally.Outcomes.ToDictionary(), tally.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(),
            _startedAt, (long)elapsed.TotalMilliseconds,
            Math.Round(rowsRead / Math.Max(elapsed.TotalSeconds, 1e-3), 1), exitCode, abortReason is null ? null : Masking.Text(abortReason))
        { Graph = graph, AbortCause = abortCause, Status = status, Warnings = _warnings.Count > 0 ? _warnings : null };
        var path = SummaryFile.In(run.RunFolder);
        try
        {
            summary.WriteTo(path);
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            // The scheduler's first file is missing: one sentence and exit code 2, never an exception.
            TryDelete(path); // a torn summary would read as a finished run
            SummaryNotWritten = $"{EvidenceFailure.Problem(path, e)}: summary.json could not be written; the run's records are in audit.jsonl"
                + $"{(run.Mode is "apply" or "revert" ? " and intents.jsonl" : "")} as far as the disk allowed. Free space and "
                + $"{(run.Mode == "apply" ? $"run apply --resume {run.RunFolder}" : $"run {run.Mode} again")}.";
            run.Console.MarkupLine("[red]" + Markup.Escape(SummaryNotWritten) + "[/]");
            run.Log.Error("{Problem}", SummaryNotWritten);
            summary = summary with { ExitCode = ExitCodes.CannotProcess }; // what the process returns, so the console and run.log say it too
        }

        // Built from summary.json: without it there is no report (and no .NET message about a missing file). The table of rows
        // that need attention comes from what this run wrote when that is the whole audit, else from audit.jsonl.
        var attention = _watched == audit && audit.WroteWholeAudit ? _attention : null;
        if (SummaryNotWritten is null && Report.HtmlReport.Write(run.RunFolder, attention) is { } notWritten)
        {
            run.Log.Warning("{Problem}", notWritten);
        }

        // The run's last log line: a scheduler's log and run.log say how it ended without opening summary.json.
        run.Log.Information("Finished {Mode}: exit code {ExitCode}; {RowsRead} rows, {Records} records ({Outcomes}) in {DurationMs} ms{Aborted}",
            run.Mode, summary.ExitCode, rowsRead, tally.Records, string.Join(", ", summary.Outcomes.Select(o => $"{o.Key} {o.Value}")), summary.DurationMs,
            abortCause is null ? "" : $"; aborted: {abortCause}");
        Print(summary);
        return summary;
    }


    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            // FinishedRun ignores a summary it cannot read
        }
    }

    private void Print(RunSummary s)
    {
        var console = run.Console;
        if (_problems.Count > 0)
        {
            // One line per problem reads better than a table in an 80-column terminal or a log.
            console.MarkupLine("[bold]First problems[/] (every record is in audit.csv):");
            foreach (var p in _problems)
            {
                var input = Masking.ForDisplay(p.Method, p.Input);
                console.MarkupLine(SafeConsole.Line(
                    $"  line {p.Line} {p.User} {AuditNames.Of(p.Method)}{(input is null ? "" : " " + input)}: {AuditNames.Of(p.Outcome)} {p.Error} — "
                        + $"{Masking.Text(p.Message)}"));
            }
        }

        var table = new Table().AddColumns("outcome", "records");
        foreach (var (name, count) in s.Outcomes)
        {
            table.AddRow(name, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (s.Errors.Count > 0)
        {
            console.MarkupLine("Errors: " + SafeConsole.Line(string.Join(", ", s.Errors.Select(e => $"{e.Key} {e.Value}"))));
        }

        if (s.Graph is { } g)
        {
            var seconds = Math.Max(s.DurationMs / 1000.0, 1e-3);
            console.MarkupLine(SafeConsole.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Graph: {g.Requests} requests in {g.Batches} batches, {g.Writes} writes ({g.Writes / seconds:0.0}/s), {g.Retries} retries, "
                    + $"{g.Throttled429} answered 429, {g.TimeThrottledMs / 1000.0:0.0} s throttled.")));
        }

        console.MarkupLine(SafeConsole.Line($"{s.RowsRead} rows, {s.Records} records in {s.DurationMs / 1000.0:0.00} s ({s.RowsPerSecond:0} rows/s). Exit "
            + $"code {s.ExitCode}."));
        console.MarkupLine(SafeConsole.Line($"Report: {run.RunFolder}"));
    }
}
