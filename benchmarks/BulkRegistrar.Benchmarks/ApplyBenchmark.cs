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
/// issue #4's benchmark, in one run on one in-process emulator configuration (entra-L at time compression
/// k, the given fault profile, realistic latency), the emulator reset before each contender: (a) our
/// apply on N rows, one mobile each; (c) a rerun of (a); (d) a sequential client that writes one request
/// at a time with the SDK's default retry. Reports ratios, which k does not change, and (BENCH_CHARTS=dir)
/// a writes/s chart per contender. The comparison with the batch client is <see cref="VersusBenchmark"/>,
/// where every contender is a process of its own.
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
            StrictFaultScale = double.Parse(Environment.GetEnvironmentVariable("BENCH_STRICT_SCALE") ?? "1", CultureInfo.InvariantCulture),
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
        var writeFirst = Environment.GetEnvironmentVariable("BENCH_WRITE_FIRST") ?? "Auto"; // Dispatch:WriteFirst: Auto, Always or Never
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""{ "Emulator": { "TimeCompression": {{k}} }, "Dispatch": { "Concurrency":"""
            + $$""" {{concurrency}}, "WriteFirst": "{{writeFirst}}" }, "Serilog": { "MinimumLevel": { "Default":"""
            + $$""" "{{(Environment.GetEnvironmentVariable("BENCH_KEEP") is null ? "Warning" : "Information")}}" } } }"""));
        var quiet = Environment.GetEnvironmentVariable("BENCH_VERBOSE") is null
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }) : AnsiConsole.Console;
        var fileRows = Enumerable.Range(0, rows).Select(i => (Upn(i), Mobile(i))).ToList();
        var budget = WritesPerSecond * k;
        var minimum = Math.Max(0, rows - WriteBurst) / budget;

        // (a) ours, from a freshly reset emulator (each contender gets one: budgets full, counters zero)
        var exit = 0;
        var ours = await Contender.MeasureAsync("apply", emulator, fileRows, async _ =>
            exit = await CliApp.RunAsync(["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out",
                Path.Combine(work, "run-a")], quiet, TimeProvider.System, CancellationToken.None));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "run-a", "summary.json")));
        var gateClosed = summary.RootElement.GetProperty("graph").GetProperty("timeThrottledMs").GetInt64() / 1000.0;
        var outcomes = string.Join(", ", summary.RootElement.GetProperty("outcomes").EnumerateObject().Select(o => $"{o.Name} {o.Value}"));

        // (c) rerun: same file, same tenant state
        var before = emulator.GetStats().WritesApplied;
        var refusedBefore = emulator.GetStats().DuplicateCreateAttempts;
        await CliApp.RunAsync(["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--out", Path.Combine(work, "run-c")], quiet,
            TimeProvider.System);
        var rerunWrites = emulator.GetStats().WritesApplied - before;
        var rerunRefused = emulator.GetStats().DuplicateCreateAttempts - refusedBefore; // creates sent and refused as already there

        // (d) the sequential loop, on its own users
        var naiveFile = Enumerable.Range(rows, naiveRows).Select(i => (Upn(i), Mobile(i))).ToList();
        var naive = await Contender.MeasureAsync("sequential client", emulator, naiveFile, ct => NaiveAsync(emulator, rows, naiveRows, ct));
        var naiveMinimum = Math.Max(0, naiveRows - WriteBurst) / budget;

        var charts = Environment.GetEnvironmentVariable("BENCH_CHARTS");
        if (charts is not null)
        {
            Directory.CreateDirectory(charts);
            foreach (var c in new[] { ours, naive })
            {
                var file = Path.Combine(charts, string.Create(CultureInfo.InvariantCulture,
                    $"bench-{faults}-{c.Name.Replace(" ", "-", StringComparison.Ordinal)}.png"));
                c.Chart(file, budget, string.Create(CultureInfo.InvariantCulture, $"{c.Name}: {faults} faults, k={k}, {(c == naive ? naiveRows : rows)} rows"));
                Console.WriteLine($"chart: {file}");
            }
        }

        var setup = string.Create(CultureInfo.InvariantCulture, $"entra-L, k={k}, {faults} faults, realistic latency, {rows} rows (one mobile each), "
            + $"Dispatch:WriteFirst {writeFirst}; theoretical minimum {minimum:F2} s");
        const string header = "| contender | wall time | ÷ minimum | first write | writes applied | 429s (items + envelopes) | Retry-After violations "
            + "| duplicate creates | rows wrong |";
        var sequential = string.Create(CultureInfo.InvariantCulture, $"{naiveRows} rows, {naiveRows / naive.Seconds:F1} rows/s; "
            + $"apply rows/s ÷ sequential rows/s: {(rows / ours.Seconds) / (naiveRows / naive.Seconds):F1}x");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            apply benchmark: {setup}
            {header}
            |---|---|---|---|---|---|---|---|---|
            {ours.Line(minimum)}
            {naive.Line(naiveMinimum)}
            apply: exit {exit}; outcomes: {outcomes}; some kind of request held for {gateClosed:F1} s in all (budget and envelope 429s)
            rerun: {rerunWrites} writes applied, {rerunRefused} creates sent
            sequential client: {sequential}
            """));
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

    /// <summary>The usual admin loop: one POST per row, awaited, with the SDK's default RetryHandler.</summary>
    private static async Task NaiveAsync(RunningEmulator emulator, int offset, int count, CancellationToken ct)
    {
        var credential = new ClientSecretCredential(emulator.TenantId, emulator.ClientId, emulator.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        });
        var auth = new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, [emulator.BaseUrl.Host], null, true,
            "https://graph.microsoft.com/.default");
        var graph = new GraphServiceClient(GraphClientFactory.Create(finalHandler: emulator.CreateHttpHandler()), auth, emulator.GraphBaseUrl);
        for (var i = offset; i < offset + count; i++)
        {
            try
            {
                await graph.Users[Upn(i)].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = Mobile(i),
                    PhoneType = AuthenticationPhoneType.Mobile }, cancellationToken: ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested
                && e is Microsoft.Graph.Models.ODataErrors.ODataError or AggregateException or HttpRequestException
                    or Microsoft.Kiota.Abstractions.ApiException)
            {
                // The naive loop logs and moves on, as the usual script does.
            }
        }
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
