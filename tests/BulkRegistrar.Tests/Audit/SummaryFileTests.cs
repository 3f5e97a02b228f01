using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Audit;

/// <summary>summary.json read back by resume, revert, the report and the inbox through one reader.</summary>
public sealed class SummaryFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("summaryfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RunSummary Summary(string? abortReason = null, string? abortCause = null) =>
        new RunSummary("apply", "emulator", "0.1.0", new RunInput("a.csv", 120, "ab12", "utf-8", ","), 5, 6,
            new Dictionary<string, long> { ["Created"] = 4, ["Failed"] = 2 }, new Dictionary<string, long> { ["GraphError"] = 2 },
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 1500, 3.3, 1, abortReason)
        { AbortCause = abortCause, Graph = new GraphStatistics("emulator", null, null, 1, 2, 3, 0, 0, 0) };

    [Fact]
    public void What_the_run_wrote_is_read_back_field_by_field()
    {
        Summary().WriteTo(SummaryFile.In(_folder));

        var s = SummaryFile.Read(_folder)!;

        Assert.Equal(("apply", "emulator", "0.1.0", 5L, 6L, 1, 1500L), (s.Mode, s.Target, s.ToolVersion, s.RowsRead, s.Records, s.ExitCode, s.DurationMs));
        Assert.Equal(new SummaryInput("a.csv", 120, "ab12", "utf-8", ","), s.Input);
        Assert.Equal([("Created", 4L), ("Failed", 2L)], s.Outcomes.Select(o => (o.Key, o.Value)));
        Assert.Equal(2, s.Errors["GraphError"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), s.StartedAt);
        Assert.Equal(3, s.Graph!.Value.GetProperty("writes").GetInt64());
        Assert.True(s.Finished);
    }

    [Theory]
    [InlineData("Cancelled (SIGTERM).", null, true)]
    [InlineData("Graph could not be reached.", "cannotConnect", false)]
    public void An_aborted_or_cancelled_run_did_not_finish(string reason, string? cause, bool cancelled)
    {
        Summary(reason, cause).WriteTo(SummaryFile.In(_folder));

        var s = SummaryFile.Read(_folder)!;

        Assert.Equal((cancelled, false), (s.Cancelled, s.Finished));
    }

    [Fact]
    public void A_missing_or_torn_summary_reads_as_none()
    {
        Assert.Null(SummaryFile.Read(_folder));
        File.WriteAllText(SummaryFile.In(_folder), "{ \"mode\": \"apply\", \"exitCo");
        Assert.Null(SummaryFile.Read(_folder));
    }

    [Fact]
    public void A_field_of_another_type_reads_as_absent()
    {
        File.WriteAllText(SummaryFile.In(_folder), """{ "mode": 3, "exitCode": "0", "abortCause": null, "outcomes": { "Valid": "x", "Invalid": 2 } }""");

        var s = SummaryFile.Read(_folder)!;

        Assert.Equal((null, null), (s.Mode, s.ExitCode));
        Assert.Equal([("Invalid", 2L)], s.Outcomes.Select(o => (o.Key, o.Value)));
    }
}
