using BulkRegistrar.Dispatch;

namespace BulkRegistrar.Tests.Dispatch;

/// <summary>Dispatch:NewUserWindow's backoff, on a fake clock that reports every wait (nothing sleeps).</summary>
public sealed class NewUserWindowTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Fact]
    public void Ten_minutes_are_waited_as_15_seconds_doubling_to_2_minutes_with_the_last_wait_cut_to_the_window()
    {
        var schedule = NewUserWindow.Schedule(TenMinutes);

        Assert.Equal(new[] { 15, 30, 60, 120, 120, 120, 120, 15 }, schedule.Select(w => (int)w.TotalSeconds));
        Assert.Equal(TenMinutes, schedule.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public void A_window_shorter_than_the_first_wait_is_one_wait_and_zero_is_none()
    {
        Assert.Equal([TimeSpan.FromSeconds(5)], NewUserWindow.Schedule(TimeSpan.FromSeconds(5)));
        Assert.Empty(NewUserWindow.Schedule(TimeSpan.Zero));
    }

    [Fact]
    public async Task A_user_found_at_the_third_look_up_ends_the_waits_there_and_says_how_long_was_waited()
    {
        var clock = new ObservedClock();
        var start = clock.GetUtcNow();
        var lookedUpAt = new List<TimeSpan>();
        var parked = 0;
        var wait = new NewUserWindow(TenMinutes, clock, 1, CancellationToken.None).WaitForAsync(() =>
        {
            lookedUpAt.Add(clock.GetUtcNow() - start);
            return Task.FromResult(lookedUpAt.Count == 3);
        }, () => parked++);

        var timers = await RunOut(clock, wait);

        Assert.Equal((true, TimeSpan.FromSeconds(105)), await wait);
        Assert.Equal(new[] { 15, 45, 105 }, lookedUpAt.Select(t => (int)t.TotalSeconds));
        Assert.Equal(new[] { 15, 30, 60 }, timers.Select(t => (int)t.TotalSeconds));
        Assert.Equal(1, parked);
    }

    [Fact]
    public async Task A_user_who_never_appears_is_looked_up_after_every_wait_and_the_whole_window_is_reported_in_tenant_time()
    {
        var clock = new ObservedClock();
        var lookUps = 0;
        // k = 50: the emulator's tenant time runs 50 times faster, so each wait is a fiftieth on this clock.
        var wait = new NewUserWindow(TenMinutes, clock, 50, CancellationToken.None).WaitForAsync(() => Task.FromResult(++lookUps < 0));

        var timers = await RunOut(clock, wait);

        Assert.Equal((false, TenMinutes), await wait);
        Assert.Equal(8, lookUps);
        Assert.Equal(NewUserWindow.Schedule(TenMinutes).Select(w => w / 50), timers);
        Assert.Equal("10 minutes", NewUserWindow.Say(TenMinutes));
        Assert.Equal("105 seconds", NewUserWindow.Say(TimeSpan.FromSeconds(105)));
    }

    [Fact]
    public async Task A_stop_ends_the_wait_with_one_last_look_up_which_reports_why()
    {
        var clock = new ObservedClock();
        using var stop = new CancellationTokenSource();
        var lookUps = 0;
        var wait = new NewUserWindow(TenMinutes, clock, 1, stop.Token).WaitForAsync(() =>
        {
            lookUps++;
            return Task.FromException<bool>(new OperationCanceledException("the run was stopped"));
        });

        await clock.NextTimerAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(1, lookUps);
    }

    [Fact]
    public void The_window_is_validated_at_start_up()
    {
        Assert.Contains(new DispatchOptions { NewUserWindow = TimeSpan.FromSeconds(-1) }.Validate(),
            e => e.Contains("Dispatch:NewUserWindow", StringComparison.Ordinal));
        Assert.Contains(new DispatchOptions { NewUserWindow = TimeSpan.FromDays(2) }.Validate(),
            e => e.Contains("Dispatch:NewUserWindow", StringComparison.Ordinal));
        Assert.Empty(new DispatchOptions { NewUserWindow = TimeSpan.Zero }.Validate());
        Assert.Equal(TenMinutes, new DispatchOptions().NewUserWindow);
    }

    /// <summary>Advances the clock by each wait the code sets until it is done; the waits, in order.</summary>
    private static async Task<List<TimeSpan>> RunOut(ObservedClock clock, Task wait)
    {
        var timers = new List<TimeSpan>();
        while (true)
        {
            var next = clock.NextTimerAsync();
            if (await Task.WhenAny(wait, next) == wait)
            {
                return timers;
            }

            var due = await next;
            timers.Add(due);
            clock.Advance(due);
        }
    }
}
