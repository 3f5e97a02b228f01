using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The CLI killed outright (SIGKILL: no drain, no summary, a possibly torn audit) mid-apply against an emulator
/// of its own with realistic latency and the strict profile (read-after-write lag, lost responses), then
/// <c>apply --resume</c>: the audit is the journal, so every line ends once with a terminal outcome, no create is
/// applied twice, and the tenant holds exactly what the file asks.
/// </summary>
public sealed class ResumeTests : IAsyncLifetime
{
    private const int Users = 600;
    private readonly JumpClock _emulatorClock = new();
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() =>
        _target = await RealTimeEmulator.StartAsync("resume-", GeneratedTenant.Seed(Users), "strict", o => o.TimeProvider = _emulatorClock);

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private static int Expected => Enumerable.Range(1, Users).Sum(i => i % 3 == 0 ? 2 : 1);

    [Theory]
    [InlineData(50)]
    [InlineData(200)]
    [InlineData(400)]
    public async Task A_run_killed_outright_is_finished_by_resume_with_every_line_once_and_no_create_applied_twice(int killAfter)
    {
        var run = _target.RunFolder;
        using (var cli = Start())
        {
            await cli.WaitForAuditLines(killAfter);
            cli.Signal(CliProcess.SIGKILL);
            await cli.WaitForExit();
        }

        Assert.False(File.Exists(Path.Combine(run, "summary.json"))); // killed: nothing but the journal and run.json

        using var resumed = CliProcess.Resume(run);
        // Writes that landed before the kill become visible to reads after the strict profile's lag (at most 2 s at k = 1): the
        // emulator's clock moves past it at once. Moved once the resume has started: by then the emulator has also applied
        // any write the killed CLI had sent whole, which a jump before it arrived would not cover.
        _emulatorClock.Jump(TimeSpan.FromSeconds(3));
        var exit = await resumed.WaitForExit();

        Assert.True(exit is ExitCodes.Success or ExitCodes.RowsNeedAttention, resumed.Output);
        Assert.Contains("Resuming", resumed.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "run.json")));
        var records = resumed.Audit();
        Assert.Equal(Expected, records.Count);
        Assert.Equal(records.Count, records.Select(r => (r.Line(), r.Method())).Distinct().Count());
        Assert.Equal(Enumerable.Range(2, Users), records.Select(r => r.Line()).Distinct().Order());
        Assert.All(records, r => Assert.True(r.Outcome() is "Created" or "Unchanged", $"line {r.Line()} {r.Method()}: {r.Outcome()} {r.Error()}"));
        Assert.Equal(Expected + 1, File.ReadAllLines(Path.Combine(run, "audit.csv")).Length); // in step: header + one row per record

        // The tenant equals the file, and each method was written exactly once over both runs.
        for (var i = 1; i <= Users; i++)
        {
            var state = _target.Emulator.GetUserState(GeneratedTenant.Upn(i))!;
            var phones = state.PhoneMethods.OrderBy(p => p.PhoneType, StringComparer.Ordinal).Select(p => (p.PhoneType, Digits(p.PhoneNumber))).ToList();
            List<(string, string)> wanted = i % 3 == 0
                ? [("mobile", Digits(GeneratedTenant.Mobile(i))), ("office", Digits(GeneratedTenant.Office(i)))]
                : [("mobile", Digits(GeneratedTenant.Mobile(i)))];
            Assert.Equal(wanted, phones);
            Assert.Equal(wanted.Count, state.WritesApplied);
        }

        Assert.Equal(Expected, _target.Emulator.GetStats().WritesApplied);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal(Expected, summary.RootElement.GetProperty("records").GetInt64());
        Assert.Equal(Users, summary.RootElement.GetProperty("rowsRead").GetInt64());
        Assert.True(summary.RootElement.GetProperty("graph").GetProperty("resumedKeptRecords").GetInt32() >= killAfter - 1);
    }

    [Fact]
    public async Task A_resume_is_refused_when_the_input_file_changed_since_the_run_started()
    {
        var run = _target.RunFolder;
        using (var cli = Start())
        {
            await cli.WaitForAuditLines(20);
            cli.Signal(CliProcess.SIGKILL);
            await cli.WaitForExit();
        }

        File.AppendAllText(_target.CsvPath, "late@contoso.com,+44 7400199999,\n");
        var before = File.ReadAllText(Path.Combine(run, "audit.jsonl"));
        using var resumed = CliProcess.Resume(run);

        Assert.Equal(ExitCodes.CannotProcess, await resumed.WaitForExit());
        Assert.Contains("changed since the run started", resumed.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(run, "audit.jsonl")));
    }

    private CliProcess Start() => _target.StartApply(GeneratedTenant.Csv(Users), """{ "Emulator": { "TimeCompression": 1 } }""");

    private static string Digits(string number) => new([.. number.Where(char.IsDigit)]);
}
