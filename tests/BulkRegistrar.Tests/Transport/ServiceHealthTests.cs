using BulkRegistrar.Transport;

namespace BulkRegistrar.Tests.Transport;

public sealed class ServiceHealthTests
{
    private static CallResult Status(int status) => new(status, null, null, null, null);

    private static ServiceHealth After(int answered, int failed)
    {
        var health = new ServiceHealth();
        for (var i = 0; i < answered + failed; i++)
        {
            health.Observe(Status(i < answered ? (i % 2 == 0 ? 201 : 404) : 503));
        }

        return health;
    }

    [Fact]
    public void Graph_is_not_known_to_be_answering_before_ten_answers() =>
        Assert.False(After(ServiceHealth.MinimumSeen - 1, 0).Answering);

    [Fact]
    public void Before_a_full_window_the_answers_seen_so_far_are_judged()
    {
        Assert.True(After(5, 7).Answering); // 7 failures in 12: under three in four
        Assert.False(After(3, 9).Answering); // 9 in 12: an outage
    }

    [Fact]
    public void A_window_where_two_requests_in_three_failed_with_5xx_still_counts_as_answering() =>
        Assert.True(After(34, 66).Answering);

    [Fact]
    public void A_window_where_three_requests_in_four_failed_is_an_outage() => Assert.False(After(25, 75).Answering);

    [Fact]
    public void Only_the_last_window_counts()
    {
        var health = After(0, ServiceHealth.Window);
        Assert.False(health.Answering);
        for (var i = 0; i < 26; i++)
        {
            health.Observe(Status(200));
        }

        Assert.True(health.Answering);
    }

    [Fact]
    public void A_429_and_no_answer_are_failures_a_4xx_is_an_answer()
    {
        var health = new ServiceHealth();
        for (var i = 0; i < ServiceHealth.Window; i++)
        {
            health.Observe(i % 5 == 0 ? Status(400) : i % 5 == 1 ? Status(429) : Status(0));
        }

        Assert.False(health.Answering);
    }
}
