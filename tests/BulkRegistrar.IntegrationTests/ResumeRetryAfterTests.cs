using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// A run killed (SIGKILL) while Graph has it waiting out a Retry-After, then resumed at once: the killed process cannot tell the
/// new one, so the run folder does (<c>retry-after.txt</c>), and the resume sends nothing before the window ends — Graph would
/// count such a request as an early retry and lengthen the wait. Against an emulator of the test's own at k = 1, where a 429's
/// Retry-After of 5 s is 5 real seconds.
/// </summary>
public sealed class ResumeRetryAfterTests : IAsyncLifetime
{
    private const int Users = 40;
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() => _target = await RealTimeEmulator.StartAsync("resume-ra-", GeneratedTenant.Seed(Users), "off");

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Fact]
    public async Task A_resume_waits_out_the_retry_after_the_killed_run_was_given_and_sends_nothing_inside_it()
    {
        var run = _target.RunFolder;
        var mark = Path.Combine(run, RetryAfterMark.FileName);
        _target.Emulator.ScheduleFault(EmulatorFault.Throttle429, count: 1, method: "POST");
        using (var cli = _target.StartApply(GeneratedTenant.Csv(Users), """{ "Emulator": { "TimeCompression": 1 } }"""))
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (!File.Exists(mark))
            {
                Assert.False(cli.HasExited, "the run ended before it was throttled: " + cli.Output);
                await Task.Delay(10, guard.Token);
            }

            cli.Signal(CliProcess.SIGKILL); // inside the 5 s window: its retry has not been sent
            await cli.WaitForExit();
        }

        var killed = DateTimeOffset.UtcNow;

        var until = RetryAfterMark.Read(run);
        Assert.NotNull(until);
        Assert.InRange(until.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6));

        using var resumed = CliProcess.Resume(run);
        var exit = await resumed.WaitForExit();

        Assert.Equal(ExitCodes.Success, exit);
        var stats = _target.Emulator.GetStats();
        Assert.Equal(0, stats.RetryAfterViolations);
        var sentByResume = _target.Emulator.GetRequestLog().Where(e => e.Time > killed).ToList();
        Assert.NotEmpty(sentByResume);
        // The mark holds the window's end plus the gate's margin (2 % and 5 ms of 5 s): nothing the resume sent arrived before the window's end.
        Assert.All(sentByResume, e => Assert.True(e.Time >= until.Value - TimeSpan.FromMilliseconds(150),
            $"{e.Method} {e.Url} arrived at {e.Time:O}, inside the window ending {until.Value:O}"));
        Assert.Contains("Graph asked the interrupted run to wait (Retry-After)", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, Users).Sum(i => i % 3 == 0 ? 2 : 1), resumed.Audit().Count);
    }
}
