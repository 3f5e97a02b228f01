using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public sealed class YoungGenerationPacerTests
{
    private long _allocated;
    private int _collections;
    private int _asked;

    private YoungGenerationPacer Pacer(long budget) => new(budget, () => _allocated, () => _collections, () =>
    {
        _asked++;
        _collections++;
    });

    [Fact]
    public void Young_generation_is_collected_once_the_budget_has_been_allocated_since_the_last_collection()
    {
        var pacer = Pacer(100);
        _allocated = 99;
        pacer.Tick();
        Assert.Equal(0, _asked);

        _allocated = 100;
        pacer.Tick();
        Assert.Equal(1, _asked);

        _allocated = 150; // counted from the collection just made, not from the start
        pacer.Tick();
        _allocated = 200;
        pacer.Tick();
        Assert.Equal((2, 2), (_asked, pacer.Induced));
    }

    [Fact]
    public void A_collection_the_runtime_made_on_its_own_starts_the_count_again()
    {
        var pacer = Pacer(100);
        _allocated = 90;
        _collections = 1; // the GC collected by itself at some point before this tick
        pacer.Tick();
        _allocated = 180;
        pacer.Tick();
        Assert.Equal(0, _asked);

        _allocated = 190;
        pacer.Tick();
        Assert.Equal(1, _asked);
    }

    [Fact]
    public void Pacing_a_sequence_yields_every_item_in_order_and_ticks_after_every_nth()
    {
        var pacer = Pacer(10);
        var seen = new List<int>();
        foreach (var item in pacer.Pace(Enumerable.Range(1, 7), every: 3))
        {
            seen.Add(item);
            _allocated += 5; // two items' worth reaches the budget, but only items 3 and 6 are followed by a tick
        }

        Assert.Equal(Enumerable.Range(1, 7), seen);
        Assert.Equal(2, _asked);
    }

    [Fact]
    public async Task A_tick_while_another_thread_is_collecting_returns_without_asking_for_a_second_collection()
    {
        using var collecting = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var (asked, done) = (0, 0);
        long allocated = 0;
        var pacer = new YoungGenerationPacer(10, () => Interlocked.Read(ref allocated), () => Volatile.Read(ref done), () =>
        {
            Interlocked.Increment(ref asked);
            collecting.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Increment(ref done); // the runtime's count moves when the collection ends
        });

        Interlocked.Exchange(ref allocated, 100);
        var first = Task.Run(pacer.Tick);
        Assert.True(collecting.Wait(TimeSpan.FromSeconds(10)));
        pacer.Tick(); // the budget is still spent as far as this thread can tell, but a collection is under way
        release.Set();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((1, 1), (asked, pacer.Induced));
    }
}
