using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Audit;

/// <summary>
/// summary.json is read by schedulers and dashboards: its <c>graph</c> object, now a typed record, keeps the
/// keys, order and values the dictionaries it replaced wrote (the expected texts are those files).
/// </summary>
public sealed class RunSummaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("summary-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(GraphStatistics graph)
    {
        var summary = new RunSummary("apply", "t", "0.1.0", new RunInput("a.csv", 1, null, null, null), 1, 1,
            new Dictionary<string, long>(), new Dictionary<string, long>(), DateTimeOffset.UnixEpoch, 1, 1, 0) { Graph = graph };
        var path = Path.Combine(_folder, "summary.json");
        summary.WriteTo(path);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var at = text.IndexOf("  \"graph\": ", StringComparison.Ordinal);
        return text[at..text.LastIndexOf('\n')];
    }

    [Fact]
    public void An_apply_summary_keeps_the_graph_keys_their_order_and_the_null_ids_of_the_identity()
    {
        var written = Write(new GraphStatistics("emulator-url", new IdentitySummary(null, "5d3c", "ClientSecret", "Global"), null, 5, 30, 10, 1, 2, 1500,
            PeakBatchesInFlight: 2, HandoffSecrets: 0, Verified: 3, VerifyMismatches: 0, UsersUnchangedSinceLastRun: 4, ResumedKeptRecords: 0,
            Statuses: new Dictionary<string, long> { ["200"] = 20, ["201"] = 10 }));

        Assert.Equal("""
              "graph": {
                "target": "emulator-url",
                "identity": {
                  "tenantId": null,
                  "clientId": "5d3c",
                  "authMode": "ClientSecret",
                  "cloud": "Global"
                },
                "batches": 5,
                "requests": 30,
                "writes": 10,
                "throttled429": 1,
                "retries": 2,
                "timeThrottledMs": 1500,
                "peakBatchesInFlight": 2,
                "handoffSecrets": 0,
                "verified": 3,
                "verifyMismatches": 0,
                "usersUnchangedSinceLastRun": 4,
                "resumedKeptRecords": 0,
                "statuses": {
                  "200": 20,
                  "201": 10
                }
              }
            """.ReplaceLineEndings("\n"), written);
    }

    [Fact]
    public void A_revert_summary_has_only_the_traffic_keys_and_the_reverted_run()
    {
        var written = Write(new GraphStatistics("tenant", null, "/runs/x", 1, 2, 2, 0, 0, 0));

        Assert.Equal("""
              "graph": {
                "target": "tenant",
                "revertedRun": "/runs/x",
                "batches": 1,
                "requests": 2,
                "writes": 2,
                "throttled429": 0,
                "retries": 0,
                "timeThrottledMs": 0
              }
            """.ReplaceLineEndings("\n"), written);
    }
}
