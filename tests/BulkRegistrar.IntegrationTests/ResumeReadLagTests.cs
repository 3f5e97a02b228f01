using BulkRegistrar.Audit;
using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// A run killed (SIGKILL) while a create it sent has landed but its answer was lost, then resumed at once, against a strict
/// emulator of the test's own at k = 1 whose writes show to reads only seconds after they land. The resume reads every user
/// with such a write before writing again, so it first waits out the read-after-write lag after the killed run's last writes:
/// a sooner read would miss the create, and the create would go twice.
/// </summary>
public sealed class ResumeReadLagTests : IAsyncLifetime
{
    private const int Users = 40;
    private const int LagSeconds = 8;
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() => _target = await RealTimeEmulator.StartAsync("resume-lag-", GeneratedTenant.Seed(Users), "strict",
        o => (o.StrictFaultScale, o.ReadAfterWriteLagSeconds) = (0, LagSeconds));

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task A_resume_right_after_a_kill_waits_out_the_read_after_write_lag_so_a_create_that_landed_is_not_sent_twice()
    {
        var run = _target.RunFolder;
        _target.Emulator.ScheduleFault(EmulatorFault.LostResponse503, count: 1, method: "POST");
        var config = $$"""{ "Emulator": { "TimeCompression": 1 }, "Dispatch": { "ReadAfterWriteLag": "00:00:0{{LagSeconds}}" } }""";
        using (var cli = _target.StartApply(GeneratedTenant.Csv(Users), config))
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (_target.Emulator.GetStats().LostResponseWrites == 0)
            {
                Assert.False(cli.HasExited, "the run ended before its create's answer was lost: " + cli.Output);
                await Task.Delay(10, guard.Token);
            }

            cli.Signal(CliProcess.SIGKILL); // the run itself waits the same lag before re-reading that create: it has not yet
            await cli.WaitForExit();
        }

        using var resumed = CliProcess.Resume(run);
        var exit = await resumed.WaitForExit();

        Assert.True(exit is ExitCodes.Success or ExitCodes.RowsNeedAttention, resumed.Output);
        Assert.Contains("writes whose answers never came", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(0, _target.Emulator.GetStats().DuplicateCreateAttempts);
        var records = resumed.Audit();
        Assert.Equal(Enumerable.Range(1, Users).Sum(i => i % 3 == 0 ? 2 : 1), records.Count);
        Assert.All(records, r => Assert.True(r.Outcome() is "Created" or "Unchanged", $"line {r.Line()} {r.Method()}: {r.Outcome()} {r.Error()}"));
    }
}
