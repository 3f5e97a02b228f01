using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// apply as a child process with its run folder on a small tmpfs that fills up mid-run: sending stops at once with
/// one sentence about the disk (exit 2), every write the emulator applied is in the run's evidence (the write-ahead
/// intents, written before each batch leaves), and once space is freed <c>apply --resume</c> finishes the file with
/// every line once and no write applied twice.
/// </summary>
public sealed class DiskFullTests : IAsyncLifetime
{
    private const int Users = 2000;
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() =>
        _target = await RealTimeEmulator.StartAsync("diskfull-", GeneratedTenant.Seed(Users), "off", o => o.LatencyProfile = "off");

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private static int Expected => Enumerable.Range(1, Users).Sum(i => i % 3 == 0 ? 2 : 1);

    [Fact]
    public async Task A_full_disk_stops_sending_at_once_keeps_every_applied_write_in_the_evidence_and_resume_finishes_it()
    {
        var (csv, config) = Inputs();
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "640k");
        var run = Path.Combine(disk.Folder, "run");

        using (var cli = new CliProcess(run, "apply", csv, "--emulator-url", _target.Emulator.BaseUrl.ToString(), "--config", config))
        {
            Assert.Equal(ExitCodes.CannotProcess, await cli.WaitForExit());
            var output = cli.Output.Flat();
            Assert.Contains($"No space left on the disk of {run}: the run's audit cannot be kept, so nothing more is sent.".Flat(), output,
                StringComparison.Ordinal);
            Assert.Contains($"Once the disk has room: apply --resume {run}".Flat(), output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unexpected", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
            Assert.Contains("MB free on the disk of".Flat(), output, StringComparison.Ordinal); // the pre-flight warned (Run:MinFreeSpaceMB 100)
        }

        // Evidence before work: every write the tenant applied has its intent in the journal, and no batch left without one.
        var intents = Intents(run);
        var applied = Enumerable.Range(1, Users).Where(i => _target.Emulator.GetUserState(GeneratedTenant.Upn(i))!.WritesApplied > 0).ToList();
        Assert.NotEmpty(applied);
        Assert.True(applied.Count < Users, "the disk never filled up: make the tmpfs smaller");
        Assert.All(applied, i => Assert.Contains(i + 1, intents.Select(x => x.Line)));
        Assert.Equal(intents.Count, _target.Emulator.GetStats().WritesApplied); // no fault profile: every write that left landed
        Assert.All(WholeRecords(run).Where(r => r.Outcome() == "Created"), r => Assert.Contains(r.Line() - 1, applied)); // nothing claimed that did not land

        disk.Resize("64m");
        using var resumed = CliProcess.Resume(run);
        var exit = await resumed.WaitForExit();

        Assert.True(exit == ExitCodes.Success, resumed.Output);
        var records = resumed.Audit();
        Assert.Equal(Expected, records.Count);
        Assert.Equal(records.Count, records.Select(r => (r.Line(), r.Method())).Distinct().Count());
        Assert.All(records, r => Assert.True(r.Outcome() is "Created" or "Unchanged", $"line {r.Line()} {r.Method()}: {r.Outcome()} {r.Error()}"));
        // A write that landed but whose record the full disk lost is found by the resume's read, and not claimed.
        Assert.All(records.Where(r => r.Outcome() == "Unchanged"),
            r => Assert.Contains("intents.jsonl", r.GetProperty("message").GetString(), StringComparison.Ordinal));
        for (var i = 1; i <= Users; i++)
        {
            Assert.Equal(i % 3 == 0 ? 2 : 1, _target.Emulator.GetUserState(GeneratedTenant.Upn(i))!.WritesApplied);
        }

        Assert.Equal(Expected, _target.Emulator.GetStats().WritesApplied);
        Assert.Equal(Expected, resumed.Summary().GetProperty("records").GetInt64());
        Assert.Contains("MB free on the disk of", resumed.Summary().GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_disk_mid_run_with_passes_leaves_after_resume_no_pass_the_handoff_file_does_not_hold()
    {
        var csv = Path.Combine(_target.Folder, "taps.csv");
        File.WriteAllText(csv, "upn,mobile,IssueTap\n"
            + string.Concat(Enumerable.Range(1, Users).Select(i => $"{GeneratedTenant.Upn(i)},{GeneratedTenant.Mobile(i)},true\n")));
        var (_, config) = Inputs();
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "900k");
        var run = Path.Combine(disk.Folder, "run");
        using (var cli = new CliProcess(run, "apply", csv, "--emulator-url", _target.Emulator.BaseUrl.ToString(), "--config", config))
        {
            Assert.Equal(ExitCodes.CannotProcess, await cli.WaitForExit());
            OneSentence.In(cli.Output, $"No space left on the disk of {run}");
        }

        Assert.InRange(Holders().Count, 1, Users - 1); // it stopped mid-run, passes issued
        disk.Resize("64m");
        using var resumed = CliProcess.Resume(run);
        Assert.Equal(ExitCodes.Success, await resumed.WaitForExit());

        // Every user holds a pass, and it is the one the hand-off file gives (its start, to the second, is the user's
        // last line's ValidFrom): a pass issued while the disk was full, whose line could not be written, was replaced.
        var lastLine = File.ReadAllLines(Path.Combine(run, "handoff.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(c => c[0]).ToDictionary(g => g.Key, g => g.Last()[4]);
        var holders = Holders();
        Assert.Equal(Users, holders.Count);
        Assert.All(holders, h => Assert.True(lastLine.TryGetValue(h.Upn, out var from) && from == h.Start, $"{h.Upn} holds a pass from {h.Start} "
            + $"that the hand-off file does not hold"));
        Assert.Equal(2 * Users, resumed.Audit().Count);
    }

    private List<(string Upn, string Start)> Holders() =>
        [.. Enumerable.Range(1, Users).Select(GeneratedTenant.Upn)
            .Select(u => (u, _target.Emulator.GetUserState(u)!.TemporaryAccessPass))
            .Where(x => x.TemporaryAccessPass is not null)
            .Select(x =>
                (x.u, x.TemporaryAccessPass!.StartDateTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task An_export_that_fills_the_disk_is_one_sentence_and_exit_2_and_leaves_no_partial_file()
    {
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "16k");
        var output = Path.Combine(disk.Folder, "tenant.csv");
        var (_, config) = Inputs();

        // --out is the file
        using var cli = new CliProcess(output, "export", "--all", "--emulator-url", _target.Emulator.BaseUrl.ToString(), "--config", config);

        Assert.Equal(ExitCodes.CannotProcess, await cli.WaitForExit());
        Assert.Contains($"Export stopped, nothing written: No space left on the disk of {disk.Folder}".Flat(), cli.Output.Flat(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected", cli.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task A_revert_whose_audit_fills_the_disk_stops_sending_and_every_undo_it_sent_is_in_its_intents()
    {
        var (csv, config) = Inputs();
        var applied = Path.Combine(_target.Folder, "applied");
        using (var apply = new CliProcess(applied, "apply", csv, "--emulator-url", _target.Emulator.BaseUrl.ToString(), "--config", config))
        {
            Assert.Equal(ExitCodes.Success, await apply.WaitForExit());
        }

        var before = _target.Emulator.GetStats().WritesApplied;
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "256k");
        var run = Path.Combine(disk.Folder, "revert");
        using var cli = new CliProcess(run, "revert", applied, "--emulator-url", _target.Emulator.BaseUrl.ToString(), "--config", config);

        Assert.Equal(ExitCodes.CannotProcess, await cli.WaitForExit());
        Assert.True(cli.Output.Flat().Contains(
            ($"No space left on the disk of {run}: the run's audit cannot be kept, so nothing more is sent. Free space (or make the folder writable) "
                + "and run the revert again").Flat(), StringComparison.Ordinal), cli.Output);
        Assert.DoesNotContain("Unexpected", cli.Output, StringComparison.Ordinal);
        var undone = _target.Emulator.GetStats().WritesApplied - before;
        Assert.InRange(undone, 1, Expected - 1); // it stopped
        Assert.Equal(undone, File.ReadLines(Path.Combine(run, IntentJournal.FileName)).Count()); // each undo that left was recorded first
    }

    [Fact]
    public async Task A_validate_whose_audit_fills_the_disk_is_one_sentence_and_exit_2_not_a_verdict_on_the_file()
    {
        var (csv, _) = Inputs();
        using var disk = Tmpfs.Mount(Path.Combine(_target.Folder, "disk"), "128k");
        var run = Path.Combine(disk.Folder, "run");

        using var cli = new CliProcess(run, "validate", csv);

        Assert.Equal(ExitCodes.CannotProcess, await cli.WaitForExit());
        Assert.Contains($"No space left on the disk of {run}: the run's audit cannot be kept".Flat(), cli.Output.Flat(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected", cli.Output, StringComparison.Ordinal);
    }

    /// <summary>The file of the hires and a --config, on the ordinary disk (only what the run writes goes to the small one).</summary>
    private (string Csv, string Config) Inputs()
    {
        var csv = Path.Combine(_target.Folder, "hires.csv");
        File.WriteAllText(csv, GeneratedTenant.Csv(Users));
        var config = Path.Combine(_target.Folder, "config.json");
        File.WriteAllText(config, """{ "Emulator": { "TimeCompression": 1 } }""");
        return (csv, config);
    }

    private static List<(int Line, string Method)> Intents(string run)
    {
        var list = new List<(int, string)>();
        foreach (var line in File.ReadLines(Path.Combine(run, IntentJournal.FileName)))
        {
            using var doc = JsonDocument.Parse(line); // whole lines only: a torn one was cut
            list.Add((doc.RootElement.GetProperty("line").GetInt32(), doc.RootElement.GetProperty("method").GetString()!));
        }

        return list;
    }

    /// <summary>The audit as the full disk left it: its last line may be torn.</summary>
    private static List<JsonElement> WholeRecords(string run)
    {
        var list = new List<JsonElement>();
        foreach (var line in File.ReadLines(Path.Combine(run, "audit.jsonl")))
        {
            try
            {
                list.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                // the torn last line
            }
        }

        return list;
    }
}
