using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core.Pipeline;
using Azure.Identity;
using BulkRegistrar.Cli;
using GraphEmulator;
using GraphEmulator.Seed;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Spectre.Console;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// issue #4's benchmark, in one run on one emulator configuration (entra-L at time compression k,
/// realistic faults and latency): (a) our apply on N rows, one mobile each; (b) a naive client that
/// writes one request at a time with the SDK's default retry; (c) a rerun of (a). Reports ratios,
/// which k does not change.
/// </summary>
internal static class ApplyBenchmark
{
    private const double WriteBurst = 3000;
    private const double WritesPerSecond = 20;

    /// <param name="faults">The emulator's fault profile: <c>realistic</c> or <c>strict</c> (docs/emulator.md).</param>
    public static async Task<int> RunAsync(int rows, int naiveRows, double k, string faults = "realistic")
    {
        var work = Directory.CreateTempSubdirectory("apply-bench-").FullName;
        var seed = Seed(rows + naiveRows);
        await using var emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
        {
            Seed = seed,
            UseHttps = true,
            ThrottlingProfile = "entra-L",
            TimeCompression = k,
            FaultProfile = faults,
            LatencyProfile = "realistic",
            FaultSeed = 42,
        });
        var csv = Path.Combine(work, "hires.csv");
        var text = new StringBuilder("upn,mobile\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Upn(i)},{Mobile(i)}\n");
        }

        File.WriteAllText(csv, text.ToString());
        var config = Path.Combine(work, "bench.json");
        var concurrency = Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "16";
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""{ "Emulator": { "TimeCompression": {{k}} }, "Dispatch": { "Concurrency": {{concurrency}} }, "Serilog": { "MinimumLevel": { "Default": "Warning" } } }"""));
        var quiet = Environment.GetEnvironmentVariable("BENCH_VERBOSE") is null ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }) : AnsiConsole.Console;

        // (a) ours
        var samples = new List<(double Seconds, long Writes)>();
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                lock (samples)
                {
                    samples.Add((clock.Elapsed.TotalSeconds, emulator.GetStats().WritesApplied));
                }

                await Task.Delay(50);
            }
        });
        var exit = await CliApp.RunAsync(["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out", Path.Combine(work, "run-a")], quiet, TimeProvider.System);
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var ours = emulator.GetStats();
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "run-a", "summary.json")));
        var gateClosed = summary.RootElement.GetProperty("graph").GetProperty("timeThrottledMs").GetInt64() / 1000.0;
        var outcomes = string.Join(", ", summary.RootElement.GetProperty("outcomes").EnumerateObject().Select(o => $"{o.Name} {o.Value}"));

        var budget = WritesPerSecond * k;
        // Sustained rate: the slope once the burst and what refilled during it are surely spent (a quarter
        // of the way past the burst) up to 95 % of the writes, so neither the start nor the tail counts.
        var from = samples.First(s => s.Writes >= WriteBurst + ((rows - WriteBurst) / 4));
        var to = samples.First(s => s.Writes >= rows * 0.95);
        var sustained = (to.Writes - from.Writes) / (to.Seconds - from.Seconds);
        var firstWrite = samples.First(s => s.Writes > 0).Seconds;
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") is not null)
        {
            foreach (var s in samples.Where((_, i) => i % 10 == 0))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t={s.Seconds:F1}s writes={s.Writes}"));
            }
        }
        var minimum = Math.Max(0, rows - WriteBurst) / budget;
        var throttledShare = (double)ours.Throttled / ours.Requests;

        // (c) rerun: same file, same tenant
        var before = ours.WritesApplied;
        await CliApp.RunAsync(["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out", Path.Combine(work, "run-c")], quiet, TimeProvider.System);
        var rerunWrites = emulator.GetStats().WritesApplied - before;

        // (b) naive: fresh budgets, same settings, its own users
        emulator.Reset();
        var naiveSeconds = await NaiveAsync(emulator, rows, naiveRows);
        Console.WriteLine("naive done");
        var naive = emulator.GetStats();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            apply benchmark: entra-L, k={k}, {faults} faults, realistic latency, {rows} rows (one mobile each)
            ours:  exit {exit}, {seconds:F2} s, {rows / seconds:F0} rows/s, {ours.WritesApplied} writes applied; outcomes: {outcomes}
                   sustained after the {WriteBurst} burst: {sustained:F0} writes/s = {sustained / budget:P1} of the {budget:F0}/s budget
                   time vs theoretical minimum {minimum:F2} s: {seconds / minimum:F3}x (first write after {firstWrite:F2} s)
                   429 share: {ours.Throttled} of {ours.Requests} requests = {throttledShare:P2} ({ours.FaultsInjected.GetValueOrDefault("spurious429")} of them injected spurious 429s)
                   from the first write: {seconds - firstWrite:F2} s = {(seconds - firstWrite) / minimum:F3}x the minimum
                   shared throttle gate closed for {gateClosed:F1} s of the run (every 429 pauses all dispatch for its Retry-After)
                   Retry-After violations: {ours.RetryAfterViolations}; duplicate creates: {ours.DuplicateCreateAttempts}; lost-response writes met: {ours.LostResponseWrites}
            rerun: {rerunWrites} writes
            naive: {naiveRows} rows in {naiveSeconds:F2} s = {naiveRows / naiveSeconds:F1} rows/s ({naive.WritesApplied} writes applied, {naive.Throttled} 429s, {naive.RetryAfterViolations} violations, {naive.DuplicateCreateAttempts} duplicate creates)
            ours / naive rows/s: {(rows / seconds) / (naiveRows / naiveSeconds):F1}x
            """));
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>The usual admin loop: one POST per row, awaited, with the SDK's default RetryHandler.</summary>
    private static async Task<double> NaiveAsync(RunningEmulator emulator, int offset, int count)
    {
        var credential = new ClientSecretCredential(emulator.TenantId, emulator.ClientId, emulator.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        });
        var auth = new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, [emulator.BaseUrl.Host], null, true, "https://graph.microsoft.com/.default");
        var graph = new GraphServiceClient(GraphClientFactory.Create(finalHandler: emulator.CreateHttpHandler()), auth, emulator.GraphBaseUrl);
        var clock = Stopwatch.StartNew();
        for (var i = offset; i < offset + count; i++)
        {
            try
            {
                await graph.Users[Upn(i)].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = Mobile(i), PhoneType = AuthenticationPhoneType.Mobile });
            }
            catch (Exception e) when (e is Microsoft.Graph.Models.ODataErrors.ODataError or AggregateException or HttpRequestException or Microsoft.Kiota.Abstractions.ApiException)
            {
                // The naive loop logs and moves on, as the usual script does.
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"bench{i:D6}@contoso.com");

    private static string Mobile(int i) => string.Create(CultureInfo.InvariantCulture, $"+44 7400{i:D6}");

    private static DirectorySeed Seed(int users) => new()
    {
        Users = [.. Enumerable.Range(0, users).Select(i => new SeedUser
        {
            Id = new Guid(i, 0x4242, 0x4242, [1, 2, 3, 4, 5, 6, 7, 8]).ToString(),
            UserPrincipalName = Upn(i),
            UsageLocation = "GB",
        })],
    };
}
