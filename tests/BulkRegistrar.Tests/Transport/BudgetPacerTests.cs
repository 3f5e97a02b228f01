using BulkRegistrar.Transport;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Transport;

public class BudgetPacerTests
{
    // Rates chosen to be exact in binary: 1.25 writes/s × k=2 is 2.5/s, one throttle makes it 2.0/s.
    private static readonly BudgetOptions Budget = new()
    {
        ResourceUnits = 100,
        ResourceUnitsPerSecond = 10,
        Writes = 10,
        WritesPerSecond = 1.25,
    };

    private readonly FakeTimeProvider _time = new();

    private BudgetPacer Pacer() => new(_time, Budget, timeCompression: 2);

    private void Advance(double seconds, ManualContext loop)
    {
        _time.Advance(TimeSpan.FromSeconds(seconds));
        loop.Drain();
    }

    private static bool TakenAtOnce(BudgetPacer pacer, int reads, int writes) =>
        pacer.TakeAsync(reads, writes, CancellationToken.None).IsCompletedSuccessfully;

    [Fact]
    public void A_new_pacer_is_full_and_hands_out_its_whole_capacity_without_waiting()
    {
        var pacer = Pacer();

        Assert.Equal(2.5, pacer.WriteRate);
        Assert.True(TakenAtOnce(pacer, reads: 90, writes: 10));
    }

    [Fact]
    public void An_empty_write_bucket_waits_exactly_until_the_refill_covers_the_request()
    {
        using var loop = new ManualContext();
        var pacer = Pacer();
        Assert.True(TakenAtOnce(pacer, 0, 10));

        // 3 writes at 2.5 writes/s of compressed time: 1.2 s.
        var take = pacer.TakeAsync(0, 3, CancellationToken.None);
        Advance(1.199, loop);
        Assert.False(take.IsCompleted);

        Advance(0.001, loop);
        Assert.True(take.IsCompletedSuccessfully);
        Assert.False(TakenAtOnce(pacer, 0, 1));
    }

    [Fact]
    public void An_empty_resource_unit_bucket_holds_reads_until_it_refills()
    {
        using var loop = new ManualContext();
        var pacer = Pacer();
        Assert.True(TakenAtOnce(pacer, 100, 0));

        // 5 RU at 20 RU/s: 0.25 s.
        var take = pacer.TakeAsync(5, 0, CancellationToken.None);
        Advance(0.249, loop);
        Assert.False(take.IsCompleted);

        Advance(0.001, loop);
        Assert.True(take.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_throttle_empties_the_bucket_and_lowers_the_write_rate()
    {
        using var loop = new ManualContext();
        var pacer = Pacer();

        pacer.OnThrottled(writeLimit: true);

        Assert.Equal(2.0, pacer.WriteRate);
        var take = pacer.TakeAsync(0, 1, CancellationToken.None);
        Assert.False(take.IsCompleted);
        Advance(0.499, loop);
        Assert.False(take.IsCompleted);
        Advance(0.001, loop);
        Assert.True(take.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_throttle_empties_the_bucket_even_when_it_arrives_after_an_idle_stretch()
    {
        using var loop = new ManualContext();
        var pacer = Pacer();
        Assert.True(TakenAtOnce(pacer, 0, 10));

        // Long enough to refill the mirror completely; Graph's 429 says its bucket is empty all the same.
        Advance(10, loop);
        pacer.OnThrottled(writeLimit: true);

        var take = pacer.TakeAsync(0, 1, CancellationToken.None);
        Assert.False(take.IsCompleted);
        Advance(0.5, loop);
        Assert.True(take.IsCompletedSuccessfully);
    }

    [Fact]
    public void The_first_throttle_finding_the_mirror_all_but_empty_empties_it_and_keeps_the_rate()
    {
        using var loop = new ManualContext();
        var pacer = Pacer();
        Assert.True(TakenAtOnce(pacer, 0, 10)); // the burst spent: the mirror ran dry with Graph's bucket

        pacer.OnThrottled(writeLimit: true);

        Assert.Equal(2.5, pacer.WriteRate);
        var take = pacer.TakeAsync(0, 1, CancellationToken.None);
        Advance(0.399, loop);
        Assert.False(take.IsCompleted);
        Advance(0.001, loop);
        Assert.True(take.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_throttle_soon_after_the_first_cuts_the_rate_the_budget_is_smaller_than_configured()
    {
        var pacer = Pacer();
        Assert.True(TakenAtOnce(pacer, 0, 10));
        pacer.OnThrottled(writeLimit: true); // the first, phase only: no cut
        _time.Advance(BudgetPacer.CutSpacing); // k = 2: two spacings of Graph time, past the first signal's batches

        pacer.OnThrottled(writeLimit: true);

        Assert.Equal(2.0, pacer.WriteRate);
    }

    [Fact]
    public void Every_throttle_after_the_first_cuts_the_rate_even_long_after_and_with_the_mirror_all_but_empty()
    {
        var pacer = Pacer();
        Assert.True(TakenAtOnce(pacer, 0, 10));
        pacer.OnThrottled(writeLimit: true);
        _time.Advance(BudgetPacer.CutSpacing * 3); // k = 2: six spacings of Graph time; the mirror refilled
        Assert.True(TakenAtOnce(pacer, 0, 10)); // and spent again

        pacer.OnThrottled(writeLimit: true);

        Assert.Equal(2.0, pacer.WriteRate);
    }

    [Fact]
    public void A_resource_unit_throttle_leaves_the_write_budget_alone()
    {
        var pacer = Pacer();

        pacer.OnThrottled(writeLimit: false);

        Assert.Equal(2.5, pacer.WriteRate);
        Assert.False(TakenAtOnce(pacer, 1, 0));
    }

    [Fact]
    public void Repeated_throttles_never_cut_the_rate_below_a_quarter_of_the_budget()
    {
        var pacer = Pacer();

        for (var i = 0; i < 20; i++)
        {
            pacer.OnThrottled(writeLimit: true);
            _time.Advance(BudgetPacer.CutSpacing / 2); // k = 2: one spacing of Graph time
        }

        Assert.Equal(0.625, pacer.WriteRate);
    }

    [Fact]
    public void Throttles_of_batches_already_in_flight_cut_the_rate_once_but_each_empties_the_mirror()
    {
        var pacer = Pacer();
        pacer.OnThrottled(writeLimit: true);
        _time.Advance(TimeSpan.FromSeconds(0.8)); // refills 2 writes at the cut rate

        pacer.OnThrottled(writeLimit: true); // within the spacing (1 s at k = 2)

        Assert.Equal(2.0, pacer.WriteRate);
        Assert.False(TakenAtOnce(pacer, reads: 0, writes: 1));
    }

    [Fact]
    public void Admitted_batches_creep_the_rate_back_by_one_percent_of_the_budget_and_never_above_it()
    {
        var pacer = Pacer();
        pacer.OnThrottled(writeLimit: true);

        pacer.OnAdmitted();
        Assert.Equal(2.025, pacer.WriteRate, precision: 12);

        for (var i = 0; i < 100; i++)
        {
            pacer.OnAdmitted();
        }

        Assert.Equal(2.5, pacer.WriteRate);
    }

    [Fact]
    public void A_signal_empties_the_bucket_it_names_and_one_without_a_spent_budget_creeps_the_rate_back()
    {
        var pacer = Pacer();

        pacer.Apply(ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), "Tenant_Application/Write/app/tenant", "WriteLimitExceeded", null, envelope: false));
        Assert.Equal(2.0, pacer.WriteRate);
        Assert.False(TakenAtOnce(pacer, reads: 0, writes: 1));

        pacer.Apply(ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), null, null, null, envelope: false)); // busy: no budget is spent
        Assert.Equal(2.025, pacer.WriteRate, precision: 12);
    }

    [Fact]
    public void A_read_write_budget_signal_empties_the_resource_unit_bucket_and_leaves_the_write_rate()
    {
        var pacer = Pacer();

        var resourceUnits = ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), "Tenant_Application/ReadWrite/app/tenant", "ResourceUnitLimitExceeded", null,
            envelope: false);

        pacer.Apply(resourceUnits);

        Assert.Equal(2.5, pacer.WriteRate);
        Assert.False(TakenAtOnce(pacer, reads: 1, writes: 0));
    }
}
