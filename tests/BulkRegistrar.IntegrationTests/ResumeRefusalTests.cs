using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// What <c>apply --resume</c> refuses, as a child process (the exit code and the one sentence a scheduler sees): a run
/// that finished (its summary is evidence, left byte-identical) and a journal holding a (line, method) twice. Revert
/// and the report read the same audit and count such a record once.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ResumeRefusalTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public ResumeRefusalTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    private string Csv => _cli.WriteCsv("upn,mobile\namelia.hughes@contoso.com,+44 7400 223344\njack.campbell@contoso.com,+44 7400 223355\n");

    [Fact]
    public async Task A_finished_run_is_refused_for_resume_and_its_summary_is_left_byte_identical()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", Csv));
        var run = _cli.RunFolder;
        var summary = File.ReadAllBytes(Path.Combine(run, "summary.json"));
        var audit = File.ReadAllBytes(Path.Combine(run, "audit.jsonl"));
        var writes = _fixture.Emulator.GetStats().WritesApplied;

        using var resumed = CliProcess.Resume(run);

        Assert.Equal(ExitCodes.CannotProcess, await resumed.WaitForExit());
        Assert.Contains("finished (summary.json, exit code 0), so there is nothing to resume".Flat(), resumed.Output.Flat(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(summary, File.ReadAllBytes(Path.Combine(run, "summary.json")));
        Assert.Equal(audit, File.ReadAllBytes(Path.Combine(run, "audit.jsonl")));
        Assert.Equal(writes, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_journal_holding_a_line_and_method_twice_is_refused_for_resume_naming_the_line()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", Csv));
        var run = _cli.RunFolder;
        File.Delete(Path.Combine(run, "summary.json")); // as if killed before its end
        var jsonl = Path.Combine(run, "audit.jsonl");
        var first = File.ReadLines(jsonl).First();
        File.AppendAllLines(jsonl, [first]); // appended twice
        var audit = File.ReadAllBytes(jsonl);
        var line = System.Text.Json.JsonDocument.Parse(first).RootElement.GetProperty("line").GetInt32();

        using var resumed = CliProcess.Resume(run);

        Assert.Equal(ExitCodes.CannotProcess, await resumed.WaitForExit());
        Assert.Contains($"audit.jsonl holds two records for input line {line} (mobile), at its lines 1 and 3".Flat(), resumed.Output.Flat(),
            StringComparison.Ordinal);
        Assert.Equal(audit, File.ReadAllBytes(jsonl));
        Assert.False(File.Exists(Path.Combine(run, "summary.json")));
    }

    [Fact]
    public async Task Revert_of_an_audit_holding_a_change_twice_undoes_and_counts_it_once()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", Csv));
        var run = _cli.RunFolder;
        var jsonl = Path.Combine(run, "audit.jsonl");
        File.AppendAllLines(jsonl, [File.ReadLines(jsonl).First()]);
        await StrictEmulatorFixture.WaitOutReadLagAsync(); // a read within the strict profile's lag would not show the creates yet

        Assert.Equal(ExitCodes.Success, await _cli.Run("revert", run, "--plan"));

        var planned = _cli.Audit();
        Assert.Equal(2, planned.Count);
        Assert.All(planned, r => Assert.Equal("WouldDelete", r.Outcome()));
        Assert.Equal(2, _cli.Summary().GetProperty("records").GetInt64());
    }
}
