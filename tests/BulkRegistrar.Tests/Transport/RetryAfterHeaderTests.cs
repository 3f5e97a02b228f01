using BulkRegistrar.Transport;

namespace BulkRegistrar.Tests.Transport;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_emulators_exact_value_wins_over_whole_seconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(120.5), RetryAfterHeader.Parse("120.5", "1"));

    [Fact]
    public void Whole_seconds_are_read_as_a_delay() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Parse(null, "7"));

    [Fact]
    public void An_http_date_is_read_relative_to_the_answers_own_date_not_our_clock() =>
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Parse(null, Sent.AddSeconds(30).ToString("r"), Sent));

    [Fact]
    public void An_http_date_without_the_answers_date_gives_no_hint_so_backoff_applies() =>
        Assert.Null(RetryAfterHeader.Parse(null, Sent.AddSeconds(30).ToString("r")));

    [Fact]
    public void An_http_date_in_the_past_means_now() =>
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse(null, Sent.AddSeconds(-5).ToString("r"), Sent));
}
