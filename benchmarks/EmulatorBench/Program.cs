using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphEmulator;
using GraphEmulator.Seed;

// Emulator throughput with faults and throttling off: direct requests/s and full 20-item
// batches/s over loopback, client and server in one process (they share the machine's cores,
// as they would when the importer is measured against the emulator).
//   dotnet run -c Release --project benchmarks/EmulatorBench -- [--seconds 5] [--concurrency 32] [--https true|false]
var seconds = Arg("--seconds", 5);
var concurrency = Arg("--concurrency", 32);
var schemes = args.Contains("--https") ? [Arg("--https", true)] : new[] { false, true };
var seed = DirectorySeed.Load(Path.Combine(AppContext.BaseDirectory, "directory.json"));
var upns = seed.Users.Select(u => u.Id).ToArray();

Console.WriteLine($"EmulatorBench: {Environment.ProcessorCount} cores, {seconds} s per run, {concurrency} concurrent clients, {upns.Length} users");
foreach (var https in schemes)
{
    await using var emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
    {
        Seed = seed,
        UseHttps = https,
        ThrottlingProfile = "off",
        FaultProfile = "off",
        RequestLogCapacity = 0,
    });
    using var http = new HttpClient(emulator.CreateHttpHandler()) { BaseAddress = emulator.BaseUrl };
    http.DefaultRequestHeaders.Authorization = new("Bearer", emulator.IssueToken("UserAuthenticationMethod.ReadWrite.All", "User.Read.All"));
    var scheme = https ? "https" : "http";

    await Measure($"{scheme} direct GET phoneMethods", 1, i => http.GetAsync($"/v1.0/users/{upns[i % upns.Length]}/authentication/phoneMethods"));
    await Measure($"{scheme} direct POST+DELETE office phone", 1, async i =>
    {
        var user = upns[i % upns.Length];
        using var post = await http.PostAsync($"/v1.0/users/{user}/authentication/phoneMethods",
            Json("""{"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","phoneNumber":"+1 2065550100","phoneType":"office"}"""));
        return await http.DeleteAsync($"/v1.0/users/{user}/authentication/phoneMethods/e37fc753-ff3b-4958-9484-eaa9425c82bc");
    }, requestsPerCall: 2);
    await Measure($"{scheme} $batch of 20 GETs", 20, i => http.PostAsync("/v1.0/$batch", Json(ReadBatch(i))));
    await Measure($"{scheme} $batch of 20 writes (10 POST + 10 dependent DELETE)", 20, i => http.PostAsync("/v1.0/$batch", Json(WriteBatch(i))));
    var stats = emulator.GetStats();
    Console.WriteLine($"  emulator counted {stats.Requests:N0} Graph requests ({stats.BatchItems:N0} as batch items in {stats.BatchEnvelopes:N0} batches):");
    foreach (var (route, byStatus) in stats.RequestsByRoute)
    {
        Console.WriteLine($"    {route,-70} {string.Join(", ", byStatus.Select(kv => $"{kv.Key}: {kv.Value:N0}"))}");
    }
}

return 0;

async Task Measure(string name, int itemsPerCall, Func<int, Task<HttpResponseMessage>> call, int requestsPerCall = 1)
{
    await RunFor(TimeSpan.FromSeconds(1)); // warm-up: JIT, connections
    var (calls, failures, elapsed) = await RunFor(TimeSpan.FromSeconds(seconds));
    var rate = calls / elapsed.TotalSeconds;
    var unit = itemsPerCall > 1 ? $"{rate,9:N0} batches/s ({rate * itemsPerCall:N0} items/s)" : $"{rate * requestsPerCall,9:N0} requests/s";
    Console.WriteLine($"  {name,-58} {unit}{(failures > 0 ? $"  [{failures} non-2xx!]" : "")}");

    async Task<(long Calls, long Failures, TimeSpan Elapsed)> RunFor(TimeSpan duration)
    {
        long count = 0, failed = 0, next = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                using var res = await call((int)Interlocked.Increment(ref next));
                if (!res.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }

                Interlocked.Increment(ref count);
            }
        });
        await Task.WhenAll(workers);
        return (count, failed, clock.Elapsed);
    }
}

string ReadBatch(int i)
{
    var items = Enumerable.Range(0, 20).Select(j => new { id = j.ToString(CultureInfo.InvariantCulture), method = "GET",
        url = $"/users/{upns[(i * 20 + j) % upns.Length]}/authentication/phoneMethods" });
    return JsonSerializer.Serialize(new { requests = items });
}

string WriteBatch(int i)
{
    // Distinct users per batch (10 of them), each: create office phone, then delete it (dependsOn).
    var items = new List<object>();
    for (var j = 0; j < 10; j++)
    {
        var user = upns[(i * 10 + j) % upns.Length];
        items.Add(new { id = $"p{j}", method = "POST", url = $"/users/{user}/authentication/phoneMethods",
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            body = new { phoneNumber = "+1 2065550100", phoneType = "office" } });
        items.Add(new { id = $"d{j}", method = "DELETE", url = $"/users/{user}/authentication/phoneMethods/e37fc753-ff3b-4958-9484-eaa9425c82bc",
            dependsOn = new[] { $"p{j}" } });
    }

    return JsonSerializer.Serialize(new { requests = items });
}

static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

T Arg<T>(string name, T fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? (T)Convert.ChangeType(args[i + 1], typeof(T), CultureInfo.InvariantCulture) : fallback;
}
