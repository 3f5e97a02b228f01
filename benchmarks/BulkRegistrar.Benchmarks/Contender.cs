using System.Diagnostics;
using System.Globalization;
using GraphEmulator;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// One contender's run against a freshly reset emulator: the emulator's counters sampled every 50 ms
/// (writes applied, 429s) for the chart and the first write, and the measures the issue asks for.
/// </summary>
internal sealed record Contender(string Name, double Seconds, double FirstWrite, EmulatorStatsSnapshot Stats, int RowsWrong,
    IReadOnlyList<(double Seconds, long Writes, long Throttled)> Samples, bool Finished = true)
{
    /// <summary>
    /// A client that keeps violating the strict profile's windows is answered ever longer Retry-Afters;
    /// honouring them can take hours. BENCH_CLIENT_LIMIT (seconds, default 300) stops it and reports
    /// "did not finish", with the rows it had left wrong by then.
    /// </summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_CLIENT_LIMIT") ?? "300",
        CultureInfo.InvariantCulture));

    public static async Task<Contender> MeasureAsync(string name, RunningEmulator emulator, IReadOnlyList<(string Upn, string Mobile)> rows,
        Func<CancellationToken, Task> run)
    {
        emulator.Reset();
        var samples = new List<(double, long, long)>();
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var s = emulator.GetStats();
                lock (samples)
                {
                    samples.Add((clock.Elapsed.TotalSeconds, s.WritesApplied, s.Throttled));
                }

                await Task.Delay(50);
            }
        });
        using var limit = new CancellationTokenSource(Limit);
        var finished = true;
        try
        {
            await run(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            finished = false;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var stats = emulator.GetStats();
        samples.Add((seconds, stats.WritesApplied, stats.Throttled));
        var firstWrite = samples.FirstOrDefault(s => s.Item2 > 0).Item1;
        return new Contender(name, seconds, firstWrite, stats, CountWrong(emulator, rows), samples, finished);
    }

    /// <summary>Rows whose user does not hold exactly the file's mobile (by digits: the emulator stores what was sent).</summary>
    private static int CountWrong(RunningEmulator emulator, IReadOnlyList<(string Upn, string Mobile)> rows) =>
        rows.Count(r => emulator.GetUserState(r.Upn) is not { } u
            || u.PhoneMethods.Count(p => p.PhoneType == "mobile") != 1
            || Digits(u.PhoneMethods.First(p => p.PhoneType == "mobile").PhoneNumber) != Digits(r.Mobile));

    private static string Digits(string s) => new([.. s.Where(char.IsAsciiDigit)]);

    /// <summary>429s answered to a whole <c>$batch</c> (not counted in <see cref="EmulatorStatsSnapshot.Throttled"/>, which counts requests).</summary>
    public long EnvelopeThrottled => Stats.RequestsByRoute.TryGetValue("POST $batch", out var byStatus) && byStatus.TryGetValue("429", out var n) ? n : 0;

    public string Line(double? minimum) => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {(Finished ? "" : "did not finish in ")}{Seconds:F2} s "
            + $"| {(minimum is { } m and > 0 ? (Seconds / m).ToString("F3", CultureInfo.InvariantCulture) : "—")} "
            + $"| {FirstWrite:F2} s | {Stats.WritesApplied} "
            + $"| {Stats.Throttled} + {EnvelopeThrottled} | {Stats.RetryAfterViolations} | {Stats.DuplicateCreateAttempts} | {RowsWrong} |");

    /// <summary>Writes/s in half-second bins, the budget line, and 429s per second (right axis) as red points.</summary>
    public void Chart(string path, double budget, string title)
    {
        var bins = new List<(double T, double Writes, double Throttled)>();
        var bin = 0.5;
        for (var t = bin; t <= Samples[^1].Seconds + bin; t += bin)
        {
            var a = Samples.LastOrDefault(s => s.Seconds <= t - bin);
            var b = Samples.LastOrDefault(s => s.Seconds <= t);
            bins.Add((t - (bin / 2), (b.Writes - a.Writes) / bin, (b.Throttled - a.Throttled) / bin));
        }

        WritesChart.Save(path, title, "seconds since start", bins, budget);
    }
}
