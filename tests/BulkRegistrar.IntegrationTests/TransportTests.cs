using System.Net;
using System.Net.Sockets;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The CLI against no emulator, a socket that is not TLS, and an emulator that stops accepting the
/// token or throttles: each ends with its own true sentence, exit code 2 where the run cannot go on,
/// and a run.log and audit that say what happened and carry Graph's ids.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class TransportTests : GeneratedTenantTests
{
    private const int Users = 400;

    public TransportTests(StrictEmulatorFixture fixture)
        : base(fixture, Users)
    {
    }

    private string RunLog => File.ReadAllText(Path.Combine(Cli.RunFolder, "run.log"));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Nothing_listening_is_cannot_connect_with_exit_2_and_no_retries()
    {
        var url = $"https://127.0.0.1:{FreePort()}";

        var exit = await Cli.RunAgainst(url, "apply", Samples.PathOf("new-hires.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var summary = Cli.Summary();
        Assert.Equal("cannotConnect", summary.GetProperty("abortCause").GetString());
        Assert.StartsWith("Cannot connect to the sign-in (token) endpoint: connection refused", summary.GetProperty("abortReason").GetString(),
            StringComparison.Ordinal);
        Assert.Contains("Cannot connect to the sign-in (token) endpoint", Cli.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Graph answered 401", Cli.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AuthenticationFailed", Cli.Console.Output, StringComparison.Ordinal);
        // Not retried for minutes: the pre-flight found no connection, so not one batch was tried.
        var graph = summary.GetProperty("graph");
        Assert.Equal(0, graph.GetProperty("retries").GetInt64());
        Assert.Equal(0, graph.GetProperty("batches").GetInt64());
        Assert.All(Cli.Audit().Where(r => r.Outcome() != "Invalid" && r.Error() != "DuplicateRow"),
            r => Assert.Equal(("Skipped", "RunAborted"), (r.Outcome(), r.Error())));
    }

    [Fact]
    public async Task A_server_that_breaks_the_tls_handshake_is_named_and_tried_a_bounded_number_of_times()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        });

        var exit = await Cli.RunAgainst($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", "apply", Cli.WriteCsv(GeneratedTenant.Csv(Users)));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Equal("cannotConnect", Cli.Summary().GetProperty("abortCause").GetString());
        Assert.Contains("the TLS handshake failed", Cli.Summary().GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        // The k pre-flight GET, the token warm-up and the first wave of 4 batches, each with Azure.Identity's
        // 4 tries — not 400 users × 10 attempts.
        Assert.InRange(connections, 1, 21);
    }

    [Fact]
    public async Task A_token_graph_stops_accepting_mid_run_aborts_with_graphs_401_not_a_credential_story()
    {
        var run = Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(Users)));
        await Task.WhenAny(Fixture.Emulator.WhenWritesApplied(20), run).WaitAsync(TimeSpan.FromMinutes(2)); // the guard only stops a hung test

        Fixture.Emulator.RevokeIssuedTokens();
        var exit = await run;

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var summary = Cli.Summary();
        Assert.Equal("graphUnauthorized", summary.GetProperty("abortCause").GetString());
        Assert.StartsWith("Graph answered 401 InvalidAuthenticationToken", summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("Graph answered 401 InvalidAuthenticationToken", Cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Run aborted (graphUnauthorized)", RunLog, StringComparison.Ordinal);
        AppliedWrites.AssertAccountedFor(Fixture.Emulator.GetStats().WritesApplied, Cli.Audit());
    }

    [Fact]
    public async Task Run_log_records_start_target_each_429_pause_and_the_end_with_its_exit_code()
    {
        Fixture.Emulator.ScheduleFault(EmulatorFault.Throttle429, count: 3, method: "POST");

        var exit = await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(60)));

        Assert.Equal(ExitCodes.Success, exit);
        var lines = File.ReadAllLines(Path.Combine(Cli.RunFolder, "run.log"));
        Assert.Contains(lines, l => l.Contains("[INF] Started BulkRegistrar", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[INF] Target: emulator-url, Graph emulator at " + Fixture.Emulator.BaseUrl, StringComparison.Ordinal));
        // A transient 429 carries no x-ms-throttle-scope or -information under strict; the line says so, and
        // that it held only the throttled request (its own retry waits), not everyone.
        Assert.Contains(lines, l => l.Contains("answered 429 (no scope, no throttle information)", StringComparison.Ordinal)
            && l.Contains("only the throttled requests held for", StringComparison.Ordinal));
        Assert.EndsWith("exit code 0; 60 rows, 80 records (Created 80) in " + Cli.Summary().GetProperty("durationMs").GetInt64() + " ms", lines[^1],
            StringComparison.Ordinal);
        Assert.Contains("[INF] Finished apply:", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_record_of_a_graph_call_carries_graphs_request_id_and_our_client_request_id()
    {
        var exit = await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(60)));
        Assert.Equal(ExitCodes.Success, exit);
        await StrictEmulatorFixture.WaitOutReadLagAsync(); // plan only reads: it must see the writes to call them Unchanged
        var again = await Cli.Run("plan", Cli.WriteCsv(GeneratedTenant.Csv(60)));
        Assert.Equal(ExitCodes.Success, again);

        var log = Fixture.Emulator.GetRequestLog();
        var records = Cli.Audit();
        Assert.All(records, r => Assert.Equal("Unchanged", r.Outcome()));
        foreach (var run in new[] { 1, 2 })
        {
            var audit = run == 1 ? ReadAudit(1) : records;
            Assert.All(audit, r =>
            {
                var requestId = r.GetProperty("requestId").GetString();
                var clientRequestId = r.GetProperty("clientRequestId").GetString();
                Assert.False(string.IsNullOrEmpty(requestId), r.ToString());
                // Our id went out with the batch, and Graph's id is the item's or its $batch envelope's.
                Assert.Contains(log, e => e.ClientRequestId == clientRequestId && (e.RequestId == requestId || e.BatchRequestId == requestId));
            });
        }
    }

    private List<System.Text.Json.JsonElement> ReadAudit(int run) =>
        File.ReadLines(Path.Combine(Cli.Folder, $"run-{run}", "audit.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
