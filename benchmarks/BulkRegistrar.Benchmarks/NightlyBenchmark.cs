using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkRegistrar.Cli;
using BulkRegistrar.State;
using GraphEmulator;
using GraphEmulator.Seed;
using Spectre.Console;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// issue #11: a nightly HR export of N users of which p % changed. Night 1 applies the whole file with a
/// state store; night 2 applies the same export with every 1/p-th mobile changed. Counts Graph calls
/// (requests and $batch items the emulator answered) per night. Also times the state store against a
/// JSON file holding the same map, which is why the store is SQLite.
/// </summary>
internal static class NightlyBenchmark
{
    public static async Task<int> RunAsync(int rows, double changedPercent)
    {
        var work = Directory.CreateTempSubdirectory("nightly-bench-").FullName;
        await using var emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
        {
            Seed = new DirectorySeed { Users = [.. Enumerable.Range(0, rows)
                .Select(i => new SeedUser { Id = new Guid(i, 7, 7, [1, 2, 3, 4, 5, 6, 7, 8]).ToString(), UserPrincipalName = Upn(i), UsageLocation = "GB" })] },
            UseHttps = true,
            ThrottlingProfile = "off",
            FaultProfile = "off",
            LatencyProfile = "off",
        });
        var config = Path.Combine(work, "bench.json");
        // The pacer would hold writes to a real tenant's 20/s; this benchmark counts calls, so the budget is opened wide.
        File.WriteAllText(config, """{ "Dispatch": { "Budget": { "ResourceUnits": 10000000, "ResourceUnitsPerSecond": 10000000, "Writes": 10000000,"""
            + """ "WritesPerSecond": 10000000 } }, "Serilog": { "MinimumLevel": { "Default": "Warning" } } }""");
        var state = Path.Combine(work, "state.db");
        var every = (int)Math.Round(100 / changedPercent);
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

        async Task<(int Exit, double Seconds, long Items, long Tokens, long Unchanged)> Night(string name, Func<int, string> mobile)
        {
            var csv = Path.Combine(work, name + ".csv");
            var text = new StringBuilder("upn,mobile\n");
            for (var i = 0; i < rows; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Upn(i)},{mobile(i)}\n");
            }

            File.WriteAllText(csv, text.ToString());
            var before = emulator.GetStats();
            var clock = Stopwatch.StartNew();
            var exit = await CliApp.RunAsync(["apply", csv, "--emulator-url", emulator.BaseUrl.ToString(), "--config", config, "--state", state,
                "--on-conflict", "update", "--out", Path.Combine(work, "run-" + name)], quiet, TimeProvider.System);
            var seconds = clock.Elapsed.TotalSeconds;
            var after = emulator.GetStats();
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "run-" + name, "summary.json")));
            var unchanged = summary.RootElement.GetProperty("graph").GetProperty("usersUnchangedSinceLastRun").GetInt64();
            // Calls = direct requests + items inside $batch envelopes (an envelope is one request carrying up to 20 calls).
            var items = after.Requests - before.Requests - (after.BatchEnvelopes - before.BatchEnvelopes) + (after.BatchItems - before.BatchItems);
            return (exit, seconds, items, after.TokensIssued - before.TokensIssued, unchanged);
        }

        var night1 = await Night("night1", Mobile);
        var night2 = await Night("night2", i => i % every == 0 ? Mobile(i + rows) : Mobile(i));
        var changed = (rows + every - 1) / every;
        var first = string.Create(CultureInfo.InvariantCulture, $"exit {night1.Exit}, {night1.Seconds:F1} s, {night1.Items} Graph calls "
            + $"({night1.Items / (double)rows:F2} per user), {night1.Tokens} token");
        var second = string.Create(CultureInfo.InvariantCulture, $"exit {night2.Exit}, {night2.Seconds:F1} s, {night2.Items} Graph calls "
            + $"({night2.Items / (double)changed:F2} per changed user), {night2.Tokens} token, {night2.Unchanged} users UnchangedSinceLastRun");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            nightly benchmark: {rows} users, {changedPercent}% changed on night 2 ({changed} users), emulator without throttling, faults or latency
            night 1 (empty store):  {first}
            night 2 (state store):  {second}
            night 2 / night 1 calls: {night2.Items / (double)night1.Items:P2}
            """));
        StoreVersusFile(work, rows, changed);
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>Open (load every user) and record one night's changes: SQLite vs rewriting a JSON file.</summary>
    private static void StoreVersusFile(string work, int rows, int changed)
    {
        var path = Path.Combine(work, "state.db");
        var clock = Stopwatch.StartNew();
        using (var store = StateStore.Open(path, TimeSpan.FromSeconds(30)))
        {
            store.UseTarget("tenant|Global|benchmark");
            var open = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            for (var i = 0; i < changed; i++)
            {
                store.Record(Upn(i), new string('a', 64), DateTimeOffset.UnixEpoch);
            }

            store.Flush();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state store SQLite: {new FileInfo(path).Length / 1048576.0:F1} MiB; "
                + $"open+load {open:F0} ms; record {changed} users {clock.Elapsed.TotalMilliseconds:F0} ms"));
        }

        var map = Enumerable.Range(0, rows).ToDictionary(Upn, _ => (Hash: new string('a', 64), At: 0L));
        var json = Path.Combine(work, "state.json");
        File.WriteAllText(json, JsonSerializer.Serialize(map.ToDictionary(p => p.Key,
            p => new[] { p.Value.Hash, p.Value.At.ToString(CultureInfo.InvariantCulture) })));
        clock.Restart();
        var loaded = JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(json))!;
        var open2 = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        for (var i = 0; i < changed; i++)
        {
            loaded[Upn(i)] = [new string('b', 64), "1"];
        }

        // A file must be rewritten whole, to a temporary name and renamed, or a crash leaves it torn.
        File.WriteAllText(json + ".tmp", JsonSerializer.Serialize(loaded));
        File.Move(json + ".tmp", json, overwrite: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state store JSON file: {new FileInfo(json).Length / 1048576.0:F1} MiB; "
            + $"open+load {open2:F0} ms; record {changed} users (rewrite whole file) {clock.Elapsed.TotalMilliseconds:F0} ms"));
    }

    private static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"night{i:D6}@contoso.com");

    private static string Mobile(int i) => string.Create(CultureInfo.InvariantCulture, $"+44 7400{i:D6}");
}
