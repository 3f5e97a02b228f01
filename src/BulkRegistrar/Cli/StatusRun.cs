using System.Globalization;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Privacy;
using BulkRegistrar.Status;
using BulkRegistrar.Validation;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>The body of a status run whose folder, users and target are ready: banner, audit, the checks with progress, summary and exit code.</summary>
internal sealed class StatusRun(RunContext run, StopSignals? signals)
{
    public async Task<int> RunAsync(StatusSource source, Onboarding onboarding, GraphTarget target, CancellationToken ct)
    {
        var console = run.Console;
        console.MarkupLine(SafeConsole.Line($"BulkRegistrar {RunContext.ToolVersion} · status (reads only) · {source.Input.File}"
            + $"{(source.InputPath.EndsWith(AuditFile.Name, StringComparison.Ordinal) ? $" of {Path.GetDirectoryName(source.InputPath)}" : "")} "
            + $"→ {target.Description}"));
        if (target.Identity is { } who)
        {
            console.MarkupLine(SafeConsole.Line($"Tenant {who.TenantId ?? "(from the identity)"} · client id {who.ClientId ?? "(from the identity)"} · auth "
                + $"{who.Mode} · {who.Cloud.Name} cloud"));
        }

        console.MarkupLine(SafeConsole.Line($"{source.Users.Count} users; onboarding is complete with any of: {string.Join(", ", onboarding.Strong)}."));
        run.Log.Information("Started BulkRegistrar {Version} status of {Input} into {RunFolder}; target {Target}; strong methods {Strong}",
            RunContext.ToolVersion, source.InputPath, run.RunFolder, target.Description, string.Join(", ", onboarding.Strong));

        var report = new RunReport(run);
        using var audit = report.Watch(AuditWriter.Open(run.RunFolder, run.Time, target.Kind));
        var writer = new AuditStage<IReadOnlyList<AuditRecord>>(audit, records => records, report.Observe);
        var pipeline = new StatusPipeline(run.Settings.Dispatch, run.Time, run.Log);
        string? abort;
        try
        {
            var work = pipeline.RunAsync(source, onboarding, target, writer, ct);
            await new StatusProgress(console, run.Time).RunWhile(work, () => pipeline.UsersDone, source.Users.Count);
            abort = await work;
        }
        finally
        {
            await writer.CompleteAsync();
        }

        audit.Flush();
        var abortCause = abort is null ? null : pipeline.AbortCause;
        if (abort is not null)
        {
            console.MarkupLine("[red]" + SafeConsole.Line("Status aborted: " + Masking.Text(abort)) + "[/]");
            run.Log.Error("Status aborted ({Cause}): {Reason}", abortCause, Masking.Text(abort));
        }
        else if (audit.Failure is { } unwritten)
        {
            (abort, abortCause) = RunEvidence.Unwritten(run, console, audit.FailedPath!, unwritten, "run status again");
        }

        var cancelled = ct.IsCancellationRequested;
        var exit = abort is not null || cancelled ? ExitCodes.CannotProcess : ExitCodeFor(audit.Tally);
        var (complete, pending) = (audit.Tally[Outcome.Complete], audit.Tally[Outcome.Pending]);
        var issued = pipeline.Passes.IsEmpty ? ""
            : "; passes this run issued: " + string.Join(", ", pipeline.Passes.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        console.MarkupLine(SafeConsole.Line(string.Create(CultureInfo.InvariantCulture, $"Onboarding: {complete} complete, {pending} pending{issued}.")));
        var stats = pipeline.Stats;
        report.Finish(target.Description, audit, source.Rows, source.Input, exit,
            abort ?? (cancelled ? $"Cancelled ({signals?.Signal ?? "Ctrl+C"})." : null),
            new GraphStatistics(target.Kind, target.Identity?.Describe(), null, stats.Batches, stats.Requests, stats.Writes, stats.Throttled, stats.Retries,
                (long)(pipeline.Gate?.TimeClosed.TotalMilliseconds ?? 0)), abortCause,
            new StatusSummary(onboarding.Strong, complete, pending, pipeline.Passes.IsEmpty ? null : pipeline.Passes.OrderBy(p => p.Key).ToDictionary()));
        return report.SummaryNotWritten is null ? exit : ExitCodes.CannotProcess;
    }

    /// <summary>1 when someone needs a look (pending, not found, invalid, failed); a repeated line of a user is not one more problem.</summary>
    private static int ExitCodeFor(AuditTally tally)
    {
        var attention = Enum.GetValues<Outcome>().Where(OutcomeKinds.NeedsAttention)
            .Sum(o => tally[o]) - tally.Errors.GetValueOrDefault(ErrorCodes.DuplicateRow);
        return attention > 0 ? ExitCodes.RowsNeedAttention : ExitCodes.Success;
    }
}

/// <summary>A plain progress line every 5 s while users are read (status has no live display: it is short and often unattended).</summary>
internal sealed class StatusProgress(IAnsiConsole console, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public async Task RunWhile(Task work, Func<long> done, int total)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(Interval, time, CancellationToken.None));
            if (!work.IsCompleted)
            {
                console.MarkupLine(SafeConsole.Line(string.Create(CultureInfo.InvariantCulture, $"users checked {done()} of {total}")));
            }
        }
    }
}
