using System.Globalization;
using GraphEmulator;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// One run as the standalone emulator's request log saw it, in seconds since the client's process started: when
/// each write landed (<see cref="EmulatorRequestLogEntry.WriteApplied"/>, lost answers included) and each 429 was
/// answered. From it: the first write, the moment the burst was spent, and the post-burst dip (writes/s in each
/// second after it, against the refill rate).
/// </summary>
internal sealed class Timeline
{
    private Timeline(double[] writes, double[] throttled, double? firstSent, double[] before)
    {
        Writes = writes;
        Throttled = throttled;
        FirstWriteSent = firstSent;
        BeforeFirstWrite = before;
    }

    /// <summary>When each request before the first write (the pre-flight's reads) was logged, in order.</summary>
    public double[] BeforeFirstWrite { get; }

    /// <summary>Seconds after the process start at which each write was applied, in order.</summary>
    public double[] Writes { get; }

    /// <summary>Seconds after the process start at which each 429 was answered (items and direct calls).</summary>
    public double[] Throttled { get; }

    /// <summary>The first request that was not a read (the first write the emulator logged, whatever its answer).</summary>
    public double? FirstWriteSent { get; }

    public static Timeline From(IReadOnlyList<EmulatorRequestLogEntry> log, DateTimeOffset processStart)
    {
        double At(EmulatorRequestLogEntry e) => (e.Time - processStart).TotalSeconds;
        var writes = log.Where(e => e.WriteApplied).Select(At).Order().ToArray();
        var throttled = log.Where(e => e.Status == 429).Select(At).Order().ToArray();
        var first = log.Where(e => e.Method != "GET").Select(At).DefaultIfEmpty(double.NaN).Min();
        var before = log.Select(At).Where(t => double.IsNaN(first) || t < first).Order().ToArray();
        return new Timeline(writes, throttled, double.IsNaN(first) ? null : first, before);
    }

    /// <summary>Appends the request log to <paramref name="path"/>, a line per request in time order (BENCH_DUMP_LOG: where a run's time went).</summary>
    public static void Dump(IReadOnlyList<EmulatorRequestLogEntry> log, DateTimeOffset processStart, string path) =>
        File.AppendAllLines(path, log.OrderBy(e => e.Time).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{(e.Time - processStart).TotalSeconds:F3} {e.Method} {e.Url} {e.Status} {e.Fault} {e.BatchRequestId} {e.ClientRequestId}")));

    /// <summary>
    /// When the write bucket would be all but empty (under 5 % of the burst left) had every applied write drawn on it:
    /// the first write at which the count so far reaches 95 % of <paramref name="burst"/> plus what refilled since the
    /// first write. Not exactly empty: a client that meets the budget's first 429s slows down before the last few
    /// tokens are spent. Null: never spent.
    /// </summary>
    public double? BurstSpentAt(double burst, double budget)
    {
        if (Writes.Length == 0)
        {
            return null;
        }

        for (var i = 0; i < Writes.Length; i++)
        {
            if (i + 1 >= (0.95 * burst) + (budget * (Writes[i] - Writes[0])))
            {
                return Writes[i];
            }
        }

        return null;
    }

    /// <summary>Writes applied in each whole second after <paramref name="from"/>, up to the last write (a partial last second is left out).</summary>
    public IReadOnlyList<int> PerSecondAfter(double from)
    {
        var seconds = new List<int>();
        for (var t = from; t + 1 <= Writes[^1]; t++)
        {
            var start = t;
            seconds.Add(Writes.Count(w => w > start && w <= start + 1));
        }

        return seconds;
    }

    /// <summary>"dip 0.62 (124, 180, 201, …)": the lowest of the first <paramref name="seconds"/> seconds after the burst ÷ the budget, and those seconds'
    /// writes.</summary>
    public string Dip(double burst, double budget, int seconds)
    {
        if (BurstSpentAt(burst, budget) is not { } spent)
        {
            return "burst never spent";
        }

        var after = PerSecondAfter(spent).Take(seconds).ToList();
        return after.Count == 0
            ? "run ended with the burst"
            : string.Create(CultureInfo.InvariantCulture, $"{after.Min() / budget:F2} ({string.Join(", ", after)})");
    }

    /// <summary>
    /// "phases: 17 requests before the first write (0.507–0.672 s), first write 0.730 s, burst spent 2.29 s, last write 26.65 s (198.6
    /// writes/s between), process ended 0.11 s after it": where a run's time above the theoretical minimum went.
    /// </summary>
    public string Phases(double burst, double budget, double processSeconds)
    {
        if (Writes.Length == 0)
        {
            return "phases: no write applied";
        }

        var text = new System.Text.StringBuilder("phases: ");
        text.Append(CultureInfo.InvariantCulture, $"{BeforeFirstWrite.Length} requests before the first write");
        if (BeforeFirstWrite.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({BeforeFirstWrite[0]:F3}–{BeforeFirstWrite[^1]:F3} s)");
        }

        text.Append(CultureInfo.InvariantCulture, $", first write {FirstWriteSent:F3} s");
        if (BurstSpentAt(burst, budget) is { } spent)
        {
            var rate = Writes[^1] > spent ? Writes.Count(w => w > spent) / (Writes[^1] - spent) : 0;
            text.Append(CultureInfo.InvariantCulture, $", burst spent {spent:F2} s, last write {Writes[^1]:F2} s ({rate:F1} writes/s between)");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $", last write {Writes[^1]:F2} s");
        }

        return text.Append(CultureInfo.InvariantCulture, $", process ended {processSeconds - Writes[^1]:F2} s after it").ToString();
    }

    /// <summary>Writes/s in half-second bins, the refill rate (dashed), where the burst was spent, and 429s/s (red, right axis).</summary>
    public void Chart(string path, double budget, double burst, string title)
    {
        const double Bin = 0.5;
        var end = Math.Max(Writes.DefaultIfEmpty(0).Max(), Throttled.DefaultIfEmpty(0).Max());
        var centres = new List<double>();
        var writes = new List<double>();
        var throttled = new List<double>();
        for (var t = 0.0; t < end + Bin; t += Bin)
        {
            var from = t;
            centres.Add(t + (Bin / 2));
            writes.Add(Writes.Count(w => w >= from && w < from + Bin) / Bin);
            throttled.Add(Throttled.Count(w => w >= from && w < from + Bin) / Bin);
        }

        WritesChart.Save(path, title, "seconds since the process started", [.. centres.Select((t, i) => (t, writes[i], throttled[i]))], budget,
            BurstSpentAt(burst, budget));
    }
}
