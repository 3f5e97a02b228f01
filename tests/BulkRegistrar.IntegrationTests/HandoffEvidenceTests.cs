using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// No pass issued that no file holds, as a child process against an emulator of its own: a hand-off file that cannot
/// be made stops the run before anything is sent, and one that fills up mid-run stops the passes (the one issued but
/// not kept is revoked), so every pass the tenant holds is in the hand-off file.
/// </summary>
public sealed class HandoffEvidenceTests : IAsyncLifetime
{
    private const int Users = 100;
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() =>
        _target = await RealTimeEmulator.StartAsync("handoff-", GeneratedTenant.Seed(Users), "off", o => o.LatencyProfile = "off");

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task A_handoff_in_a_folder_that_does_not_exist_is_refused_before_the_run_folder_and_before_any_pass()
    {
        using var cli = Apply(Path.Combine(_target.Folder, "no-such-folder", "handoff.csv"));

        await AssertRefusedBeforeAnything(cli, "does not exist, so passes and passwords would have nowhere to go");
    }

    [Fact]
    public async Task A_handoff_file_that_cannot_be_written_is_refused_before_any_pass_is_asked_for()
    {
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "4k");
        Fill(disk.Folder, 4096);
        using var cli = Apply(Path.Combine(disk.Folder, "handoff.csv"));

        await AssertRefusedBeforeAnything(cli, "the hand-off file for passes and passwords cannot be written, so none is issued");
    }

    /// <summary>Exit 2 with the sentence, before the run folder is made and before any request: no write, no pass.</summary>
    private async Task AssertRefusedBeforeAnything(CliProcess cli, string sentence)
    {
        Assert.Equal(ExitCodes.CannotProcess, await cli.WaitForExit());
        Assert.Contains(sentence.Flat(), cli.Output.Flat(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected", cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_target.RunFolder));
        Assert.Equal(0, _target.Emulator.GetStats().WritesApplied);
        Assert.Empty(PassHolders());
    }

    [Fact]
    public async Task A_handoff_file_that_fills_up_mid_run_stops_the_passes_and_every_pass_the_tenant_holds_is_in_it()
    {
        // Two pages: one for the filler, one for the hand-off file — room for its header and a couple of dozen passes.
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "8k");
        Fill(disk.Folder, 4096);
        var handoff = Path.Combine(disk.Folder, "handoff.csv");
        using var cli = Apply(handoff);

        Assert.Equal(ExitCodes.RowsNeedAttention, await cli.WaitForExit());

        var lines = File.ReadAllLines(handoff);
        Assert.Equal(Handoff.HandoffFile.Header, lines[0]);
        var kept = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.All(kept, cells => Assert.Equal(6, cells.Length)); // whole lines only: a torn one was cut
        var holders = PassHolders();
        Assert.Equal(holders.Order(StringComparer.Ordinal), kept.Select(c => c[0]).Order(StringComparer.Ordinal)); // no pass that no file holds
        Assert.InRange(holders.Count, 1, Users - 1);

        var records = cli.Audit();
        Assert.Equal(Users, records.Count);
        Assert.Equal(kept.Count, records.Count(r => r.Outcome() == "Created"));
        Assert.All(records.Where(r => r.Outcome() != "Created"), r => Assert.Equal("HandoffUnwritable", r.Error()));
        Assert.Contains(records, r => r.Outcome() == "Skipped"); // asked for no more once the file failed
        Assert.True(records.Any(r => r.Outcome() == "Failed" && r.GetProperty("message").GetString()!.Contains("it was revoked", StringComparison.Ordinal)),
            string.Join("\n", records.Where(r => r.Outcome() != "Created").Select(r => r.GetProperty("message").GetString())));
    }

    private CliProcess Apply(string handoff)
    {
        var csv = Path.Combine(_target.Folder, "taps.csv");
        File.WriteAllText(csv, "upn,IssueTap\n" + string.Concat(Enumerable.Range(1, Users).Select(i => $"{GeneratedTenant.Upn(i)},true\n")));
        var config = Path.Combine(_target.Folder, "config.json");
        File.WriteAllText(config, """{ "Emulator": { "TimeCompression": 1 } }""");
        // one batch at a time: some leave after the file failed
        return new CliProcess(_target.RunFolder, "apply", csv, "--emulator-url", _target.Emulator.BaseUrl.ToString(), "--config", config, "--handoff",
            handoff, "--concurrency", "1");
    }

    private List<string> PassHolders() =>
        [.. Enumerable.Range(1, Users).Select(GeneratedTenant.Upn).Where(u => _target.Emulator.GetUserState(u)!.TemporaryAccessPass is not null)];

    private static void Fill(string folder, int bytes) => File.WriteAllBytes(Path.Combine(folder, "filler.bin"), new byte[bytes]);
}
