using System.Globalization;
using System.Text;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// Start-up (issues #10 and #22, target ≤ 0.8 s): a 10-row file (BENCH_STARTUP_ROWS) applied by the CLI as its own process against a
/// standalone emulator (no faults, realistic latency, k = 50), from just before the process start to the first write
/// the emulator logged. The builds (<see cref="Executables.ApplyBuilds"/>: the plain Release build and, once
/// <c>benchmarks/build-variants.sh</c> made them, the ReadyToRun tool and single file) take turns run by run, after
/// one untimed warm-up each. Besides the first write it prints where the time went, from the emulator's log: until
/// the first Graph request (runtime start, configuration, the file's first pass, the token), then to the first write
/// (pre-flight and the probe's reads). <c>BENCH_JIT=1</c> adds one run per build with the runtime's own JIT summary
/// (<c>DOTNET_JitStdOutFile</c>, <c>DOTNET_JitDisasmSummary</c>): how many methods were still compiled at run time, by tier.
/// </summary>
internal static class StartupBenchmark
{
    private static readonly int Rows = int.Parse(Environment.GetEnvironmentVariable("BENCH_STARTUP_ROWS") ?? "10", CultureInfo.InvariantCulture);

    /// <param name="exes">The executables to compare; none: <see cref="Executables.ApplyBuilds"/>.</param>
    public static async Task<int> RunAsync(int runs, IReadOnlyList<string> exes)
    {
        List<(string Label, string Path)> builds = exes.Count > 0 ? [.. exes.Select(e => (Label: e, Path: e))] : [.. Executables.ApplyBuilds()];
        if (builds.FirstOrDefault(b => !File.Exists(b.Path)) is { Path: { } missing })
        {
            Console.Error.WriteLine($"{missing} does not exist: dotnet build -c Release src/BulkRegistrar, benchmarks/build-variants.sh, or "
                + "name the executable.");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("startup-bench-").FullName;
        var seed = Path.Combine(work, "seed.json");
        Workload.WriteSeed(seed, Rows);
        var csv = Path.Combine(work, "hires.csv");
        Workload.WriteMobiles(csv, Rows);
        var config = Path.Combine(work, "bench.json");
        Workload.WriteCliConfig(config);
        await using var emulator = await StandaloneEmulator.StartAsync(seed, "--throttling", "entra-L", "--k", "50", "--latency", "realistic");
        var measured = builds.Select(_ => new List<(double First, double Graph, double Total)>()).ToList();
        for (var run = 0; run <= runs; run++)
        {
            for (var x = 0; x < builds.Count; x++)
            {
                var b = builds[(x + run) % builds.Count];
                if (await OneAsync(b.Path, emulator, csv, config, Path.Combine(work, $"run-{VersusBenchmark.Slug(b.Label)}-{run}"), null) is not { } m)
                {
                    return 1;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Label} {(run == 0 ? "warm-up (not counted)" : $"run {run}")}: first Graph request {m.Graph:F3} s, first write {m.First:F3} s after "
                        + $"process start, process exited after {m.Total:F3} s"));
                if (run > 0)
                {
                    measured[builds.IndexOf(b)].Add(m);
                }
            }
        }

        for (var x = 0; x < builds.Count; x++)
        {
            var m = measured[x];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"startup {builds[x].Label}: {Rows} rows, {runs} runs: first write after process start "
                + $"median {VersusBenchmark.Median(m.Select(r => r.First)):F3} s "
                + $"(range {m.Min(r => r.First):F3}–{m.Max(r => r.First):F3} s); of which until the first Graph "
                + $"request {VersusBenchmark.Median(m.Select(r => r.Graph)):F3} s; "
                + $"whole process {VersusBenchmark.Median(m.Select(r => r.Total)):F3} s"));
        }

        if (Environment.GetEnvironmentVariable("BENCH_JIT") is not null)
        {
            foreach (var b in builds)
            {
                var jit = Path.Combine(work, $"jit-{VersusBenchmark.Slug(b.Label)}.txt");
                await OneAsync(b.Path, emulator, csv, config, Path.Combine(work, $"run-jit-{VersusBenchmark.Slug(b.Label)}"),
                    new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = jit, ["DOTNET_JitDisasmSummary"] = "1" });
                Console.WriteLine($"jit {b.Label}: {JitSummary(jit)} (list: {jit})");
            }
        }

        if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null)
        {
            Directory.Delete(work, recursive: true);
        }
        else
        {
            Console.WriteLine($"kept: {work}");
        }

        return 0;
    }

    /// <returns>Seconds from just before the process start to the first write and the first Graph request the emulator logged, and to the process's exit; null
    /// when the run failed.</returns>
    private static async Task<(double First, double Graph, double Total)?> OneAsync(string exe, StandaloneEmulator emulator, string csv, string config,
        string folder,
        IReadOnlyDictionary<string, string>? environment)
    {
        await emulator.ResetAsync();
        var run = await Executables.RunAsync(exe, ["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out", folder],
            TimeSpan.FromMinutes(2), environment);
        var log = await emulator.RequestLogAsync();
        var timeline = Timeline.From(log, run.Started);
        if (run.ExitCode != 0 || timeline.FirstWriteSent is not { } first)
        {
            Console.Error.WriteLine($"{exe}: exit {run.ExitCode}, no write logged\n{run.Output}\n{run.Errors}");
            return null;
        }

        return (first, log.Min(e => (e.Time - run.Started).TotalSeconds), run.Seconds);
    }

    /// <summary>
    /// Methods the JIT compiled in that run, by tier, and by the assembly of the method's type for the tier-0 ones (a
    /// line of DOTNET_JitDisasmSummary: "JIT compiled Ns.Type:Method(args) [Tier0, IL size=7, code size=35]").
    /// </summary>
    private static string JitSummary(string path)
    {
        if (!File.Exists(path))
        {
            return "no JIT summary written (a runtime without DOTNET_JitStdOutFile?)";
        }

        var lines = File.ReadAllLines(path).Where(l => l.Contains("JIT compiled", StringComparison.Ordinal)).ToList();
        static string Tier(string l) => l.LastIndexOf(" [", StringComparison.Ordinal) is var i and >= 0 ? l[(i + 2)..].Split(',', ']')[0] : "?";
        static string Namespace(string l)
        {
            var name = l[(l.IndexOf("JIT compiled ", StringComparison.Ordinal) + 13)..];
            name = name[..Math.Max(0, name.IndexOfAny([':', '[', '`', '(']))];
            var parts = name.Split('.');
            return parts.Length > 1 ? string.Join('.', parts.Take(Math.Min(2, parts.Length - 1))) : "(global)";
        }

        var tiers = lines.GroupBy(Tier).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        var owners = lines.Where(l => Tier(l) == "Tier0").GroupBy(Namespace).OrderByDescending(g => g.Count()).Take(12).Select(g => $"{g.Key} {g.Count()}");
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{lines.Count} methods compiled at run time: ").AppendJoin(", ", tiers)
            .Append("; tier-0 ones by namespace: ").AppendJoin(", ", owners);
        return text.ToString();
    }
}
