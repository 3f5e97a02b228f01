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
    private Timeline(double[] writes, double[] throttled, double? firstSent)
    {
        Writes = writes;
        Throttled = throttled;
        FirstWriteSent = firstSent;
    }

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
        return new Timeline(writes, throttled, double.IsNaN(first) ? null : first);
    }

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
