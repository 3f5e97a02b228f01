using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GraphEmulator;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// The Graph emulator as its own process (<c>src/GraphEmulator</c>'s Release build, as docs/emulator.md runs it) on a
/// free loopback port, so that every client the benchmarks measure — the CLI, the batch client — is a separate process
/// talking to it over real sockets, and none shares a process, a thread pool or a JIT with it. Read and steered through
/// <c>/_emulator</c>: reset before each contender, then its counters, request log and users' state.
/// </summary>
internal sealed class StandaloneEmulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly HttpClient _http;

    private StandaloneEmulator(Process process, Uri baseUrl, string pin, string tenant, string client)
    {
        _process = process;
        BaseUrl = baseUrl;
        CertificateSha256 = pin;
        TenantId = tenant;
        ClientId = client;
        _http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null
                && string.Equals(c.GetCertHashString(HashAlgorithmName.SHA256), pin, StringComparison.OrdinalIgnoreCase) },
        })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseUrl { get; }

    public string CertificateSha256 { get; }

    public string TenantId { get; }

    public string ClientId { get; }

    /// <summary>The default app's secret: a well-known test value of the emulator (docs/emulator.md), not a secret.</summary>
    public static string ClientSecret => "emulator-client-secret";

    /// <param name="arguments">The emulator's flags (<c>--throttling</c>, <c>--k</c>, <c>--faults</c>, …); the URL and a request log
    /// large enough for the whole run are added here.</param>
    public static async Task<StandaloneEmulator> StartAsync(string seedPath, params string[] arguments)
    {
        var (file, prefix) = Executables.Launch(Executables.Built("src/GraphEmulator", "GraphEmulator"));
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat(["--urls", "https://127.0.0.1:0", "--seed", seedPath, "--GraphEmulator:RequestLogCapacity", "5000000"])
            .Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the emulator did not start");
        _ = process.StandardError.ReadToEndAsync();
        string? url = null, pin = null, tenant = null, client = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var value = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            if (line.StartsWith("Graph emulator listening:", StringComparison.Ordinal))
            {
                url = value[..value.IndexOf("/v1.0", StringComparison.Ordinal)] + "/";
            }
            else if (line.StartsWith("Certificate SHA-256:", StringComparison.Ordinal))
            {
                pin = value;
            }
            else if (line.StartsWith("Tenant / client id:", StringComparison.Ordinal))
            {
                (tenant, client) = (value.Split('/')[0].Trim(), value.Split('/')[1].Trim());
            }
            else if (line.Contains("Ctrl+C stops", StringComparison.Ordinal))
            {
                break;
            }
        }

        if (url is null || pin is null || tenant is null || client is null)
        {
            process.Kill();
            throw new InvalidOperationException($"the standalone emulator did not start (exit {(process.HasExited ? process.ExitCode : -1)})");
        }

        _ = process.StandardOutput.ReadToEndAsync(); // keep its pipe drained
        return new StandaloneEmulator(process, new Uri(url), pin, tenant, client);
    }

    /// <summary>Budgets full, counters and log empty, the directory back to the seed (as <c>POST /_emulator/reset</c> documents).</summary>
    public async Task ResetAsync() => (await _http.PostAsync(new Uri("_emulator/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

    public async Task<EmulatorStatsSnapshot> StatsAsync() =>
        (await _http.GetFromJsonAsync<EmulatorStatsSnapshot>(new Uri("_emulator/stats", UriKind.Relative), Json))!;

    public async Task<IReadOnlyList<EmulatorRequestLogEntry>> RequestLogAsync() =>
        (await _http.GetFromJsonAsync<List<EmulatorRequestLogEntry>>(new Uri("_emulator/requests", UriKind.Relative), Json))!;

    public async Task<EmulatorUserState?> UserAsync(string upn)
    {
        using var response = await _http.GetAsync(new Uri("_emulator/users/" + Uri.EscapeDataString(upn), UriKind.Relative));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<EmulatorUserState>(Json) : null;
    }

    /// <summary>Every user's state, eight requests at a time.</summary>
    public async Task<Dictionary<string, EmulatorUserState?>> UsersAsync(IEnumerable<string> upns)
    {
        var states = new System.Collections.Concurrent.ConcurrentDictionary<string, EmulatorUserState?>(StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(upns.Distinct(StringComparer.OrdinalIgnoreCase), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (upn, _) => states[upn] = await UserAsync(upn));
        return new Dictionary<string, EmulatorUserState?>(states, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>429s answered to whole <c>$batch</c> envelopes (not in <see cref="EmulatorStatsSnapshot.Throttled"/>, which counts requests).</summary>
    public static long EnvelopeThrottled(EmulatorStatsSnapshot stats) =>
        stats.RequestsByRoute.TryGetValue("POST $batch", out var byStatus) && byStatus.TryGetValue("429", out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"standalone emulator {BaseUrl} (pid {_process.Id})");
}
