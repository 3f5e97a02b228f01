using System.Globalization;
using System.Text.Json;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// issue #22's comparison, every contender a process of its own against one standalone emulator (entra-L at k, the
/// fault profile, realistic latency, fault seed 42): each CLI build (<see cref="Executables.ApplyBuilds"/>) runs
/// <c>apply --emulator-url</c>, and the competent batch client (benchmarks/BatchClient) posts the same rows. Rounds
/// alternate the contenders (the starting one rotates), each on a freshly reset emulator: budgets full, counters and
/// request log empty, the directory back to the seed. Measures come from the emulator: its counters, its request log
/// (first write, writes/s, the post-burst dip) and every user's final state (rows wrong).
/// </summary>
internal static class VersusBenchmark
{
    private const int DipSeconds = 6;
    private static readonly string[] PauseAll = ["--pause-all"];
    private static readonly string[] Workers = ["--workers"];

    public static async Task<int> RunAsync(int rows, double k, string faults, int rounds)
    {
        var work = Directory.CreateTempSubdirectory("versus-bench-").FullName;
        var seed = Path.Combine(work, "seed.json");
        Workload.WriteSeed(seed, rows);
        var csv = Path.Combine(work, "hires.csv");
        var file = Workload.WriteMobiles(csv, rows);
        var config = Path.Combine(work, "bench.json");
        Workload.WriteCliConfig(config);
        var budget = Workload.WritesPerSecond * k;
        var minimum = Math.Max(0, rows - Workload.WriteBurst) / budget;
        var limit = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_CLIENT_LIMIT") ?? "300", CultureInfo.InvariantCulture));
        var scale = Environment.GetEnvironmentVariable("BENCH_STRICT_SCALE") ?? "1";

        await using var emulator = await StandaloneEmulator.StartAsync(seed, "--throttling", "entra-L", "--k", k.ToString(CultureInfo.InvariantCulture),
            "--faults", faults, "--fault-seed", "42", "--latency", "realistic", "--GraphEmulator:StrictFaultScale", scale);
        var contenders = Contenders(emulator, csv, config, k, work);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"versus: {emulator}, entra-L k={k}, {faults} faults, realistic latency, {rows} rows (one mobile each); theoretical minimum {minimum:F2} "
                + $"s; {rounds} round(s)"));
        var results = contenders.ToDictionary(c => c.Label, _ => new List<VersusRun>());
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < contenders.Count; i++)
            {
                var c = contenders[(i + round) % contenders.Count];
                await emulator.ResetAsync();
                var run = await Executables.RunAsync(c.Path, c.Arguments(round), limit, c.Environment);
                var result = await VersusRun.MeasureAsync(emulator, run, file);
                results[c.Label].Add(result);
                Console.WriteLine($"round {round + 1}: {result.Line(c.Label, minimum, budget)}");
                Console.WriteLine($"  {result.Timeline.Phases(Workload.WriteBurst, budget, result.Seconds)}");
                if (c.IsApply)
                {
                    Console.WriteLine($"  apply: exit {run.ExitCode}; {Outcomes(Path.Combine(work, $"run-{c.Slug}-{round}"))}");
                }
                else
                {
                    Console.WriteLine($"  exit {run.ExitCode}: {run.Output.Trim()}");
                }

                if (run.ExitCode != 0 && run.Errors.Length > 0)
                {
                    Console.WriteLine($"  stderr: {run.Errors[..Math.Min(run.Errors.Length, 2000)]}");
                }

                if (round == 0 && Environment.GetEnvironmentVariable("BENCH_CHARTS") is { } charts)
                {
                    Directory.CreateDirectory(charts);
                    var chart = Path.Combine(charts, $"versus-{faults}-{c.Slug}.png");
                    result.Timeline.Chart(chart, budget, Workload.WriteBurst, string.Create(CultureInfo.InvariantCulture, $"{c.Label}: {faults} faults, "
                        + $"k={k}, {rows} rows, own process"));
                    Console.WriteLine($"  chart: {chart}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(VersusRun.Header);
        foreach (var c in contenders)
        {
            foreach (var r in results[c.Label])
            {
                Console.WriteLine(r.Line(c.Label, minimum, budget));
            }
        }

        foreach (var c in contenders.Where(c => !c.IsApply))
        {
            foreach (var a in contenders.Where(a => a.IsApply))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Label} wall time ÷ {a.Label} wall time "
                        + $"(medians): {Median(results[c.Label].Select(r => r.Seconds)) / Median(results[a.Label].Select(r => r.Seconds)):F3}"));
            }
        }

        Finish(work);
        return 0;
    }

    private static List<VersusContender> Contenders(StandaloneEmulator emulator, string csv, string config, double k, string work)
    {
        var list = Executables.ApplyBuilds().Select(b => new VersusContender(b.Label, b.Path, true,
            round => ["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out",
                Path.Combine(work, $"run-{Slug(b.Label)}-{round}")],
            new Dictionary<string, string>())).ToList();
        var client = Executables.Built("benchmarks/BatchClient", "BatchClient");
        // BENCH_CLIENT_INFLIGHT: one batch client per entry, "16" = 16 POSTs in flight, "16p" = the same with --pause-all, "16w" = 16
        // workers that each see a batch through, retries included (--workers).
        // "none": the CLI builds alone (tuning apply without waiting for the clients).
        foreach (var spec in (Environment.GetEnvironmentVariable("BENCH_CLIENT_INFLIGHT") ?? "16").Split(',').Where(s => s != "none"))
        {
            var pauseAll = spec.EndsWith('p');
            var workers = spec.EndsWith('w');
            var inFlight = spec.TrimEnd('p', 'w');
            list.Add(new VersusContender($"batch client x{inFlight}{(pauseAll ? " pause-all" : workers ? " workers" : "")}", client, false,
                _ => ["--csv", csv, "--url", emulator.BaseUrl.ToString(), "--tenant", emulator.TenantId, "--client", emulator.ClientId,
                    "--pin", emulator.CertificateSha256, "--k", k.ToString(CultureInfo.InvariantCulture), "--in-flight", inFlight,
                    .. pauseAll ? PauseAll : [], .. workers ? Workers : []],
                new Dictionary<string, string> { ["BATCHCLIENT_SECRET"] = StandaloneEmulator.ClientSecret }));
        }

        return list;
    }

    private static string Outcomes(string runFolder)
    {
        var summary = Path.Combine(runFolder, "summary.json");
        if (!File.Exists(summary))
        {
            return "no summary.json";
        }

        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        return "outcomes: " + string.Join(", ", json.RootElement.GetProperty("outcomes").EnumerateObject().Select(o => $"{o.Name} {o.Value}"));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Slug(string label) => new([.. label.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')]);

    public static void Finish(string work)
    {
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null)
        {
            Directory.Delete(work, recursive: true);
        }
        else
        {
            Console.WriteLine($"kept: {work}");
        }
    }

    internal static int DipWindow => DipSeconds;
}

internal sealed record VersusContender(string Label, string Path, bool IsApply, Func<int, IEnumerable<string>> Arguments,
    IReadOnlyDictionary<string, string> Environment)
{
    public string Slug => VersusBenchmark.Slug(Label);
}
