using System.Diagnostics;
using System.Globalization;
using System.Text;
using GraphEmulator;
using GraphEmulator.Seed;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// issue #10's start-up target: "the first write leaves within 0.5 s of the process start for a 10-row
/// file on a warm machine". The emulator runs in this process, started once; BulkRegistrar runs as its
/// own process (<c>apply --emulator-url</c>), so the time measured is a real process start: from just
/// before <see cref="Process.Start()"/> to the first write the emulator logged (its request log's time of
/// the first non-GET item). One untimed run warms the disk cache, then <c>runs</c> timed ones, each on a
/// freshly reset emulator (no faults, realistic latency, k=50 — the apply benchmark's k). Given several
/// executables (a build before and after a change), their runs alternate, so a machine shared with other
/// work loads them alike.
/// </summary>
internal static class StartupBenchmark
{
    private const int Rows = 10;

    /// <param name="exes">The BulkRegistrar executables (apphosts) to start; none: the Release build beside src/.</param>
    public static async Task<int> RunAsync(int runs, IReadOnlyList<string> exes)
    {
        if (exes.Count == 0)
        {
            exes = [Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/BulkRegistrar/bin/Release/net10.0/BulkRegistrar"))];
        }

        if (exes.FirstOrDefault(e => !File.Exists(e)) is { } missing)
        {
            Console.Error.WriteLine($"{missing} does not exist: dotnet build -c Release src/BulkRegistrar first, or name the executable.");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("startup-bench-").FullName;
        await using var emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
        {
            Seed = new DirectorySeed
            {
                Users = [.. Enumerable.Range(0, Rows).Select(i => new SeedUser { Id = new Guid(i, 0x4242, 0x4242, [1, 2, 3, 4, 5, 6, 7, 8]).ToString(), UserPrincipalName = Upn(i), UsageLocation = "GB" })],
            },
            UseHttps = true,
            ThrottlingProfile = "entra-L",
            TimeCompression = 50,
            LatencyProfile = "realistic",
        });
        var csv = Path.Combine(work, "hires.csv");
        var text = new StringBuilder("upn,mobile\n");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Upn(i)},+44 7400{i:D6}\n");
        }

        File.WriteAllText(csv, text.ToString());
        var config = Path.Combine(work, "bench.json");
        var keep = Environment.GetEnvironmentVariable("BENCH_KEEP") is not null; // keep the run folders, with run.log at Information, to see where the time goes
        File.WriteAllText(config, $$"""{ "Serilog": { "MinimumLevel": { "Default": "{{(keep ? "Information" : "Warning")}}" } } }""");

        var firsts = exes.Select(_ => new List<double>()).ToList();
        var totals = exes.Select(_ => new List<double>()).ToList();
        for (var run = 0; run <= runs; run++)
        {
            for (var x = 0; x < exes.Count; x++)
            {
                if (await OneAsync(exes[x], emulator, csv, config, Path.Combine(work, $"run-{x}-{run}")) is not var (first, total))
                {
                    return 1;
                }

                if (run == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{exes[x]} warm-up (not counted): first write {first:F3} s, process {total:F3} s"));
                    continue;
                }

                firsts[x].Add(first);
                totals[x].Add(total);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{exes[x]} run {run}: first write {first:F3} s after process start, process exited after {total:F3} s"));
            }
        }

        for (var x = 0; x < exes.Count; x++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"startup {exes[x]}: {Rows} rows, {runs} runs: first write after process start median {Median(firsts[x]):F3} s (range {firsts[x].Min():F3}–{firsts[x].Max():F3} s); whole process median {Median(totals[x]):F3} s (range {totals[x].Min():F3}–{totals[x].Max():F3} s)"));
        }

        if (keep)
        {
            Console.WriteLine($"kept: {work}");
        }
        else
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    /// <returns>Seconds from just before the process start to the first write the emulator logged, and to the process's exit; null when the run failed.</returns>
    private static async Task<(double First, double Total)?> OneAsync(string exe, RunningEmulator emulator, string csv, string config, string folder)
    {
        emulator.Reset();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo(exe)
            {
                ArgumentList = { "apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out", folder },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var total = clock.Elapsed.TotalSeconds;
        var writes = emulator.GetRequestLog().Where(e => e.Method != "GET").ToList();
        if (process.ExitCode != 0 || writes.Count == 0)
        {
            Console.Error.WriteLine($"{exe}: exit {process.ExitCode}, {writes.Count} writes\n{await output}\n{await errors}");
            return null;
        }

        return ((writes.Min(e => e.Time) - started).TotalSeconds, total);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"start{i:D3}@contoso.com");
}
