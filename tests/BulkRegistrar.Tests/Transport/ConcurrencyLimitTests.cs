using BulkRegistrar.Transport;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Transport;

public class ConcurrencyLimitTests
{
    // Graph's early warning: at or above 0.9 the limit must not grow.
    private const double NearTheLimit = 0.95;

    private static bool AcquiredAtOnce(ConcurrencyLimit limit) =>
        limit.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully;

    private static ConcurrencyLimit Saturated(int ceiling, int start)
    {
        var limit = new ConcurrencyLimit(ceiling, start);
        for (var i = 0; i < start; i++)
        {
            Assert.True(AcquiredAtOnce(limit));
        }

        return limit;
    }

    [Fact]
    public void At_most_the_current_limit_is_acquired_and_the_next_waits_for_a_release()
    {
        var limit = Saturated(ceiling: 8, start: 2);

        var third = limit.AcquireAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        limit.Release(throttled: false, NearTheLimit);
        Assert.True(third.IsCompletedSuccessfully);
        Assert.False(AcquiredAtOnce(limit));
        Assert.Equal(2, limit.Peak);
    }

    [Fact]
    public void Waiters_are_let_in_in_the_order_they_came()
    {
        var limit = Saturated(ceiling: 8, start: 1);
        var first = limit.AcquireAsync(CancellationToken.None);
        var second = limit.AcquireAsync(CancellationToken.None);

        limit.Release(throttled: false, NearTheLimit);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public void A_throttled_release_halves_the_limit_but_never_below_one()
    {
        var limit = Saturated(ceiling: 8, start: 4);

        limit.Release(throttled: true, null);
        Assert.Equal(2, limit.Current);
        limit.Release(throttled: true, null);
        Assert.Equal(1, limit.Current);
        limit.Release(throttled: true, null);
        Assert.Equal(1, limit.Current);
    }

    [Fact]
    public void Until_graph_first_signals_its_load_the_limit_doubles_per_round_of_answers()
    {
        var limit = new ConcurrencyLimit(ceiling: 16, start: 2);

        Release(limit, 2);
        Assert.Equal(4, limit.Current);
        Release(limit, 4);
        Assert.Equal(8, limit.Current);
        Assert.True(AcquiredAtOnce(limit));
        limit.ReleaseUnused(); // a slot given back unused says nothing of Graph's load
        Release(limit, 8);
        Assert.Equal(16, limit.Current);
        Release(limit, 3);
        Assert.Equal(16, limit.Current);
    }

    [Theory]
    [InlineData(true, false, null)]
    [InlineData(false, true, null)]
    [InlineData(false, false, NearTheLimit)]
    public void After_graph_first_signals_its_load_releases_grow_the_limit_additively(bool throttled, bool busy, double? percentage)
    {
        var limit = new ConcurrencyLimit(ceiling: 8, start: 4);
        Assert.True(AcquiredAtOnce(limit));
        limit.Release(throttled, percentage, busy); // 4 → 2 (budget 429), 3 (busy) or 4 (early warning)
        var from = limit.Current;

        // A round of answers adds 1/limit each: just short of one more slot, where the slow start would have doubled it.
        Release(limit, from);
        Assert.Equal(from, limit.Current);
        Release(limit, 1);
        Assert.Equal(from + 1, limit.Current);
    }

    [Fact]
    public void Unthrottled_releases_after_the_first_signal_add_one_slot_per_round()
    {
        var limit = new ConcurrencyLimit(ceiling: 3, start: 2);
        Assert.True(AcquiredAtOnce(limit));
        limit.Release(throttled: true, null); // 2 → 1, and the slow start is over

        // Each release adds 1/limit, so one more slot takes about one round of releases: 1 → 2 → 2.5 → 2.9 → 3.
        Release(limit, 1);
        Assert.Equal(2, limit.Current);
        Release(limit, 2);
        Assert.Equal(2, limit.Current);
        Release(limit, 1);
        Assert.Equal(3, limit.Current);
        Release(limit, 10);
        Assert.Equal(3, limit.Current);
    }

    private static void Release(ConcurrencyLimit limit, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(AcquiredAtOnce(limit));
            limit.Release(throttled: false, null);
        }
    }

    [Fact]
    public void A_limit_percentage_of_ninety_percent_or_more_stops_growth()
    {
        var limit = Saturated(ceiling: 8, start: 1);

        limit.Release(throttled: false, 0.9);
        Assert.Equal(1, limit.Current);

        Assert.True(AcquiredAtOnce(limit));
        limit.Release(throttled: false, 0.89);
        Assert.Equal(2, limit.Current);
    }

    [Fact]
    public void Peak_remembers_the_most_acquisitions_held_at_once()
    {
        var limit = Saturated(ceiling: 8, start: 3);

        for (var i = 0; i < 3; i++)
        {
            limit.Release(throttled: false, NearTheLimit);
        }

        Assert.True(AcquiredAtOnce(limit));
        Assert.Equal(3, limit.Peak);
    }

    [Fact]
    public void A_cancelled_waiter_does_not_take_the_slot_a_release_frees()
    {
        var limit = Saturated(ceiling: 8, start: 1);
        using var cts = new CancellationTokenSource();
        var abandoned = limit.AcquireAsync(cts.Token);
        cts.Cancel();
        Assert.True(abandoned.IsCanceled);

        limit.Release(throttled: false, NearTheLimit);

        Assert.True(AcquiredAtOnce(limit));
    }

    [Fact]
    public void An_already_cancelled_token_never_queues_a_waiter()
    {
        var limit = Saturated(ceiling: 8, start: 1);

        var abandoned = limit.AcquireAsync(new CancellationToken(canceled: true));
        limit.Release(throttled: false, NearTheLimit);

        Assert.True(abandoned.IsCanceled);
        Assert.True(AcquiredAtOnce(limit));
    }

    [Fact]
    public void A_429_without_a_budget_lowers_the_limit_by_one_not_by_half()
    {
        var limit = Saturated(ceiling: 16, start: 8);

        limit.Release(throttled: false, null, busy: true);

        Assert.Equal(7, limit.Current);
    }

    [Fact]
    public void A_signal_halves_the_limit_on_a_spent_budget_steps_it_down_when_busy_and_holds_it_at_the_early_warning()
    {
        var limit = Saturated(ceiling: 8, start: 8);

        limit.Release(ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), "Tenant_Application/Write/app/tenant", "WriteLimitExceeded", null, envelope: false));
        Assert.Equal(4, limit.Current);
        limit.Release(ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), null, null, null, envelope: false));
        Assert.Equal(3, limit.Current);
        limit.Release(ThrottleSignal.Of(200, null, null, null, NearTheLimit, envelope: false));
        Assert.Equal(3, limit.Current);
        limit.ReleaseUnused();
        Assert.Equal(3, limit.Current);
    }

    [Fact]
    public void A_batch_unanswered_past_the_slow_mark_gives_its_slot_to_the_next_and_its_late_answer_frees_nothing_twice()
    {
        var time = new FakeTimeProvider();
        var limit = new ConcurrencyLimit(ceiling: 1, start: 1) { SlowAfter = TimeSpan.FromSeconds(1) };
        var steady = new ThrottleSignal(LimitPercentage: NearTheLimit); // answers that leave the limit at 1
        Assert.True(AcquiredAtOnce(limit));
        using var held = limit.Watch(time); // the service holds this one until its abandon
        var second = limit.AcquireAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(1, limit.FreedEarly);
        using var next = limit.Watch(time);

        held.Release(steady); // its answer at last: its slot was already given away
        var third = limit.AcquireAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        next.Release(steady);
        Assert.True(third.IsCompletedSuccessfully);
        Assert.False(AcquiredAtOnce(limit));
    }

    [Fact]
    public void The_late_answer_of_a_batch_whose_slot_was_freed_still_halves_the_limit_on_a_budget_429()
    {
        var time = new FakeTimeProvider();
        var limit = new ConcurrencyLimit(ceiling: 8, start: 8) { SlowAfter = TimeSpan.FromSeconds(1) };
        Assert.True(AcquiredAtOnce(limit));
        using var slot = limit.Watch(time);
        time.Advance(TimeSpan.FromSeconds(2));

        slot.Release(new ThrottleSignal(null, TimeSpan.FromSeconds(1), RequestKinds.Writes, WriteBucketEmpty: true, false, false, null));

        Assert.Equal(4, limit.Current);
    }

    [Fact]
    public void A_batch_answered_in_time_frees_its_slot_once_and_its_timer_never_frees_another()
    {
        var time = new FakeTimeProvider();
        var limit = new ConcurrencyLimit(ceiling: 1, start: 1) { SlowAfter = TimeSpan.FromSeconds(1) };
        Assert.True(AcquiredAtOnce(limit));
        var slot = limit.Watch(time);
        slot.Release(ThrottleSignal.None);
        slot.Dispose();
        Assert.True(AcquiredAtOnce(limit));

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(AcquiredAtOnce(limit));
        Assert.Equal(0, limit.FreedEarly);
    }
}
