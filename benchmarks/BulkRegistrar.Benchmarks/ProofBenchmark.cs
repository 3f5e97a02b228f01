using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// issue #22's proof at scale (not a CI run): N new hires with mixed methods — mobile for all, office for every third,
/// e-mail for every second, SMS sign-in for every fourth, a Temporary Access Pass for every fifth — applied by the CLI
/// (its own process) against a standalone emulator under <c>chaos</c>, killed with SIGKILL at <c>kills</c> seeded random
/// points (counted in writes the emulator applied) and resumed each time with <c>apply --resume</c>, then run to its
/// end. <see cref="ProofChecks"/> then holds the run folder against the emulator, which is never reset in between.
/// Also <c>memory</c>: the same file's apply under <c>/usr/bin/time</c>, for its peak resident set.
/// </summary>
internal static class ProofBenchmark
{
    public static async Task<int> RunAsync(int rows, int kills, double k, int seed)
    {
        var work = Directory.CreateTempSubdirectory("proof-bench-").FullName;
        var (csv, seedFile, config, file) = Prepare(work, rows);
        await using var emulator = await StandaloneEmulator.StartAsync(seedFile, "--throttling", "entra-L", "--k", k.ToString(CultureInfo.InvariantCulture),
            "--faults", "chaos", "--fault-seed", seed.ToString(CultureInfo.InvariantCulture), "--latency", "realistic");
        var cli = Executables.ApplyBuilds()[0].Path;
        var run = Path.Combine(work, "run");
        var expectedWrites = file.Sum(r => r.Methods.Count);
        var random = new Random(seed);
        var points = Enumerable.Range(0, kills).Select(_ => (long)(expectedWrites * (0.02 + (0.93 * random.NextDouble())))).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"proof: {emulator}, entra-L k={k}, chaos (seed {seed}), {rows} rows, {expectedWrites} method writes wanted; {cli}; SIGKILL after these many "
                + $"writes applied: {string.Join(", ", points)}"));
        var limit = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_CLIENT_LIMIT") ?? "3600", CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        var killed = 0;
        for (var session = 0; ; session++)
        {
            long? point = killed < points.Count ? points[killed] : null;
            IEnumerable<string> arguments = session == 0
                ? ["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out", run]
                : ["apply", "--resume", run];
            var wasKilled = false;
            var result = await Executables.RunAsync(cli, arguments, limit, started: (startedAt, process) =>
            {
                if (point is { } p)
                {
                    _ = KillAtAsync(emulator, process, p, () => wasKilled = true);
                }
            });
            var writes = (await emulator.StatsAsync()).WritesApplied;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"session {session + 1}: {(wasKilled ? "SIGKILL" : "ended")} after {result.Seconds:F1} s, exit {result.ExitCode}, {writes} writes applied so "
                    + $"far{LastLine(result)}"));
            if (!wasKilled)
            {
                if (result.ExitCode is not (0 or 1))
                {
                    Console.WriteLine($"  the run did not end normally; stderr: {result.Errors.Trim()}");
                }

                break;
            }

            killed++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"proof: {killed} kills, {clock.Elapsed.TotalSeconds:F1} s in all; checking {run}"));
        var failures = await ProofChecks.RunAsync(emulator, run, file);
        VersusBenchmark.Finish(work);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Peak resident set of one apply of the mixed file, measured by <c>/usr/bin/time</c> (target ≤ 250 MB at 100,000 rows).</summary>
    public static async Task<int> MemoryAsync(int rows, double k)
    {
        var work = Directory.CreateTempSubdirectory("memory-bench-").FullName;
        var (csv, seedFile, config, _) = Prepare(work, rows);
        await using var emulator = await StandaloneEmulator.StartAsync(seedFile, "--throttling", "entra-L", "--k", k.ToString(CultureInfo.InvariantCulture),
            "--faults", "realistic", "--fault-seed", "42", "--latency", "realistic");
        foreach (var (label, cli) in Executables.ApplyBuilds())
        {
            await emulator.ResetAsync();
            var result = await Executables.RunAsync(cli, ["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out",
                Path.Combine(work, "run-" + VersusBenchmark.Slug(label))],
                TimeSpan.FromHours(1), peakMemory: true);
            var stats = await emulator.StatsAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory {label}: {rows} rows (mixed methods), entra-L k={k}, realistic faults: exit {result.ExitCode}, {result.Seconds:F1} "
                    + $"s, {stats.WritesApplied} writes applied, peak resident set {result.PeakBytes / 1048576.0:F0} MB (target ≤ 250 MB)"));
        }

        VersusBenchmark.Finish(work);
        return 0;
    }

    private static async Task KillAtAsync(StandaloneEmulator emulator, Process process, long writes, Action killed)
    {
        while (!process.HasExited)
        {
            if ((await emulator.StatsAsync()).WritesApplied >= writes)
            {
                try
                {
                    process.Kill(); // SIGKILL on Unix: no handler, no flush, no goodbye
                    killed();
                }
                catch (InvalidOperationException)
                {
                    // it ended on its own just then
                }

                return;
            }

            await Task.Delay(20);
        }
    }

    private static string LastLine(ChildRun run)
    {
        var lines = (run.Output + run.Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : $"; last line: {lines[^1]}";
    }

    private static (string Csv, string Seed, string Config, List<ProofRow> Rows) Prepare(string work, int rows)
    {
        var seed = Path.Combine(work, "seed.json");
        Workload.WriteSeed(seed, rows);
        var config = Path.Combine(work, "bench.json");
        Workload.WriteCliConfig(config);
        var csv = Path.Combine(work, "hires.csv");
        var list = Enumerable.Range(0, rows).Select(ProofRow.Of).ToList();
        var text = new StringBuilder("UserPrincipalName,MobilePhone,OfficePhone,Email,SmsSignIn,IssueTap\n");
        foreach (var r in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Upn},{r.Mobile},{r.Office},{r.Email},{(r.SmsSignIn ? "true" : "")},{(r.Tap ? "true" : "")}\n");
        }

        File.WriteAllText(csv, text.ToString());
        return (csv, seed, config, list);
    }
}

/// <summary>One row of the proof's file; <see cref="Line"/> is its physical line (the header is line 1).</summary>
internal sealed record ProofRow(int Line, string Upn, string Mobile, string? Office, string? Email, bool SmsSignIn, bool Tap)
{
    public static ProofRow Of(int i) => new(i + 2, Workload.Upn(i), Workload.Mobile(i),
        i % 3 == 0 ? string.Create(CultureInfo.InvariantCulture, $"+44 20 7{i:D7}") : null,
        i % 2 == 0 ? string.Create(CultureInfo.InvariantCulture, $"bench{i:D6}.home@example.org") : null,
        i % 4 == 1, i % 5 == 0);

    /// <summary>The audit's method names (MethodNames) this row must end with one record each.</summary>
    public IReadOnlyList<string> Methods =>
        [
            "mobile",
            .. Office is null ? Array.Empty<string>() : ["office"],
            .. Email is null ? Array.Empty<string>() : ["email"],
            .. SmsSignIn ? ["smsSignIn"] : Array.Empty<string>(),
            .. Tap ? ["temporaryAccessPass"] : Array.Empty<string>(),
        ];
}
