using BulkRegistrar.Dispatch;

namespace BulkRegistrar.Tests.Dispatch;

public class ChangeBudgetTests
{
    [Fact]
    public void Without_a_limit_every_write_is_reserved()
    {
        var budget = new ChangeBudget(null);

        Assert.All(Enumerable.Range(0, 10_000), _ => Assert.True(budget.TryReserve()));
        Assert.Null(budget.Limit);
    }

    [Fact]
    public void A_limit_of_n_reserves_exactly_n_writes()
    {
        var budget = new ChangeBudget(3);

        var reserved = Enumerable.Range(0, 10).Select(_ => budget.TryReserve()).ToList();

        Assert.Equal([true, true, true, false, false, false, false, false, false, false], reserved);
    }

    [Fact]
    public void A_limit_of_zero_reserves_nothing()
    {
        var budget = new ChangeBudget(0);

        Assert.False(budget.TryReserve());
    }

    [Fact]
    public void A_limit_of_n_reserves_exactly_n_writes_from_many_threads_at_once()
    {
        var budget = new ChangeBudget(500);
        var reserved = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (budget.TryReserve())
            {
                Interlocked.Increment(ref reserved);
            }
        });

        Assert.Equal(500, reserved);
        Assert.False(budget.TryReserve());
    }
}
