using System.Globalization;
using GraphEmulator;

namespace BulkRegistrar.Benchmarks;

/// <summary>One contender's run, measured by the standalone emulator after the process ended.</summary>
internal sealed record VersusRun(ChildRun Run, EmulatorStatsSnapshot Stats, Timeline Timeline, int RowsWrong)
{
    public const string Header =
        "| contender | wall time | ÷ minimum | first write | writes applied | 429s (items + envelopes) | Retry-After violations | duplicate creates | rows "
        + "wrong | post-burst dip: lowest s ÷ budget (writes in each s) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|";

    public double Seconds => Run.Seconds;

    public static async Task<VersusRun> MeasureAsync(StandaloneEmulator emulator, ChildRun run, IReadOnlyList<(string Upn, string Mobile)> rows)
    {
        var stats = await emulator.StatsAsync();
        var log = await emulator.RequestLogAsync();
        if (Environment.GetEnvironmentVariable("BENCH_DUMP_LOG") is { Length: > 0 } dump)
        {
            Timeline.Dump(log, run.Started, dump);
        }

        var timeline = Timeline.From(log, run.Started);
        var users = await emulator.UsersAsync(rows.Select(r => r.Upn));
        return new VersusRun(run, stats, timeline, Workload.RowsWrong(rows, users));
    }

    public string Line(string label, double minimum, double budget) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {(Run.Finished ? "" : "did not finish in ")}{Seconds:F2} s "
        + $"| {(minimum > 0 ? (Seconds / minimum).ToString("F3", CultureInfo.InvariantCulture) : "—")} | "
        + $"{(Timeline.FirstWriteSent is { } f ? f.ToString("F2", CultureInfo.InvariantCulture) + " s" : "none")} | {Stats.WritesApplied} | "
        + $"{Stats.Throttled} + {StandaloneEmulator.EnvelopeThrottled(Stats)} | {Stats.RetryAfterViolations} | {Stats.DuplicateCreateAttempts} | {RowsWrong} | "
        + $"{Timeline.Dip(Workload.WriteBurst, budget, VersusBenchmark.DipWindow)} |");
}
