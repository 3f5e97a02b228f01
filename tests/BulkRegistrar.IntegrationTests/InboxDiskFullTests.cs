using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using Spectre.Console.Testing;

namespace BulkRegistrar.IntegrationTests;

/// <summary>A problem of the run is not a problem of the file: an inbox whose runs folder is on a full disk leaves the file where it is, and the next
/// night (space freed) finishes it.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class InboxDiskFullTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("inbox-full-").FullName;
    private TestConsole _console = new();

    public InboxDiskFullTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _fixture.Emulator.Reseed(GeneratedTenant.Seed(20));
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_run_that_cannot_write_its_evidence_leaves_the_file_in_the_inbox_and_the_next_night_finishes_it()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(_folder, "inbox")).FullName;
        var file = Path.Combine(inbox, "hires.csv");
        File.WriteAllText(file, GeneratedTenant.Csv(20));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-10));
        // Three pages for the runs: fewer than the run's files (run.log, run.json, intents, audit.jsonl, audit.csv, summary…).
        using var disk = Tmpfs.Mount(Path.Combine(_folder, "runs"), "12k");
        var config = Path.Combine(_folder, "nightly.json");
        File.WriteAllText(config,
            $$"""{ "Inbox": { "RunsFolder": "{{disk.Folder}}" }, "State": { "Path": "{{Path.Combine(_folder, "state.db")}}" }, "Dispatch": { "MaxRetryTime":"""
                + $$""" "00:10:00" } }""");

        Assert.Equal(ExitCodes.CannotProcess, await Inbox(inbox, config));

        Assert.True(File.Exists(file), _console.Output);
        Assert.False(Directory.Exists(Path.Combine(inbox, "failed")) && Directory.EnumerateFiles(Path.Combine(inbox, "failed")).Any());
        Assert.Contains("hires.csv stays in the inbox", _console.Output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(disk.Folder));
        Assert.Contains($"Once the disk has room: apply --resume {run}", _console.Output, StringComparison.Ordinal); // in full: the stamp is no phone number
        Assert.DoesNotContain("Unexpected", _console.Output, StringComparison.Ordinal);

        disk.Resize("16m");
        Assert.Equal(ExitCodes.Success, await Inbox(inbox, config));

        Assert.True(File.Exists(Path.Combine(inbox, "processed", "hires.csv")), _console.Output);
        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i % 3 == 0 ? 2 : 1), _fixture.Emulator.GetStats().WritesApplied); // each once over both nights
    }

    private async Task<int> Inbox(string inbox, string config)
    {
        _console = new TestConsole().Width(300);
        return await CliApp.RunAsync(["inbox", inbox, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", config], _console,
            TimeProvider.System);
    }
}
