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
    public void The_items_of_one_batch_count_as_one_request_whose_share_of_failures_is_judged()
    {
        var health = new ServiceHealth();
        for (var batch = 0; batch < 20; batch++)
        {
            // Five failed envelopes of twenty items, then fifteen answered ones of two: 100 of 130 items failed, 5 of 20 requests.
            var items = batch < 5 ? 20 : 2;
            for (var i = 0; i < items; i++)
            {
                health.Observe(Status(batch < 5 ? 503 : 201) with { ClientRequestId = $"batch-{batch}" });
            }
        }

        Assert.True(health.Answering);
        for (var batch = 20; batch < 60; batch++)
        {
            health.Observe(Status(503) with { ClientRequestId = $"batch-{batch}" });
        }

        Assert.False(health.Answering); // 45 of 60 requests failed
    }

    [Fact]
    public void A_batch_with_some_failed_items_counts_its_share()
    {
        var health = new ServiceHealth();
        for (var batch = 0; batch < ServiceHealth.Window; batch++)
        {
            for (var i = 0; i < 4; i++)
            {
                health.Observe(Status(i == 0 ? 200 : 500) with { ClientRequestId = $"b{batch}" }); // three in four of each batch failed
            }
        }

        Assert.False(health.Answering);
        for (var batch = 0; batch < ServiceHealth.Window; batch++)
        {
            health.Observe(Status(200) with { ClientRequestId = $"c{batch}" });
            health.Observe(Status(500) with { ClientRequestId = $"c{batch}" });
        }

        Assert.True(health.Answering); // one in two
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
