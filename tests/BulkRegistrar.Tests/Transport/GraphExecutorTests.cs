using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;
public class GraphExecutorTests : GraphExecutorScript
{
    [Fact]
    public async Task A_success_at_the_first_attempt_is_one_attempt()
    {
        Script(Answer(201));

        var done = await Finish(Executor().RunAsync(Write));

        Assert.Equal(201, done.Result.Status);
        Assert.Equal(1, done.Attempts);
        Assert.False(done.Verified);
        Assert.Equal(TimeSpan.Zero, done.Duration);
        Assert.Equal(0, _stats.Retries);
    }

    [Fact]
    public async Task Retry_waits_for_the_items_retry_after_before_resending()
    {
        Script(Answer(429, retryAfterSeconds: 7), Answer(201));

        var run = Executor().RunAsync(Write);
        var wait = ThrottleGate.WithMargin(TimeSpan.FromSeconds(7));
        Assert.Equal(wait, await NextRetryDelay());
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(1, SentCount);
        _clock.Advance(wait - TimeSpan.FromSeconds(7));
        var done = await run.WaitAsync(Guard);

        Assert.Equal([TimeSpan.Zero, wait], _sentAt);
        Assert.Equal(201, done.Result.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(wait, done.Duration);
        Assert.Equal(1, _stats.Retries);
    }

    [Fact]
    public async Task A_server_error_without_retry_after_is_retried_with_bounded_backoff()
    {
        Script(Answer(503), Answer(502), Answer(200));

        var done = await Finish(Executor().RunAsync(Read));

        Assert.Equal(200, done.Result.Status);
        Assert.Equal(3, done.Attempts);
        Assert.Equal([Backoff.Delay(0, _options.BaseDelay), Backoff.Delay(1, _options.BaseDelay)], _retryDelays);
        Assert.Equal([TimeSpan.Zero, _retryDelays[0], _retryDelays[0] + _retryDelays[1]], _sentAt);
    }

    [Fact]
    public async Task While_graph_answers_most_requests_a_5xx_is_retried_after_the_base_delay_not_a_doubling_one()
    {
        var executor = Executor(timeCompression: 10);
        Script(Answer(200));
        for (var i = 0; i < ServiceHealth.Window; i++)
        {
            await executor.RunAsync(Read); // its own answers tell it Graph answers
        }

        Script(Answer(503), Answer(502), Answer(503), Answer(200));
        var done = await Finish(executor.RunAsync(Read));

        Assert.Equal(4, done.Attempts);
        Assert.Equal(Enumerable.Repeat(_options.BaseDelay / 10, 3), _retryDelays);
    }

    [Fact]
    public async Task Once_graph_fails_most_requests_the_backoff_doubles_again()
    {
        var health = new ServiceHealth();
        for (var i = 0; i < ServiceHealth.Window; i++)
        {
            health.Observe(Answer(i < 24 ? 200 : 503));
        }

        Script(Answer(503), Answer(502), Answer(200));
        var done = await Finish(Executor(health: health).RunAsync(Read));

        Assert.Equal(3, done.Attempts);
        Assert.Equal([Backoff.Delay(0, _options.BaseDelay), Backoff.Delay(1, _options.BaseDelay)], _retryDelays);
    }

    [Fact]
    public async Task Backoff_is_capped_at_max_delay()
    {
        _options.MaxDelay = TimeSpan.FromSeconds(1);
        Script(Answer(503), Answer(503), Answer(503), Answer(200));

        await Finish(Executor().RunAsync(Read));

        Assert.True(Backoff.Delay(1, _options.BaseDelay) > _options.MaxDelay);
        Assert.Equal([Backoff.Delay(0, _options.BaseDelay), _options.MaxDelay, _options.MaxDelay], _retryDelays);
    }

    [Fact]
    public async Task Backoff_shrinks_with_time_compression_but_the_wall_clock_time_bound_does_not()
    {
        Script(Answer(503), Answer(503), Answer(503), Answer(200));

        var run = Executor(timeCompression: 10).RunAsync(Read);
        Assert.Equal(_options.MaxRetryTime, await _clock.NextTimerAsync());
        var done = await Finish(run);

        Assert.Equal(4, done.Attempts);
        var compressed = _options.BaseDelay / 10;
        Assert.Equal([Backoff.Delay(0, compressed), Backoff.Delay(1, compressed), Backoff.Delay(2, compressed)], _retryDelays);
    }

    [Fact]
    public async Task A_permanent_error_is_not_retried()
    {
        Script(Answer(400));

        var done = await Finish(Executor().RunAsync(Write));

        Assert.Equal(400, done.Result.Status);
        Assert.Equal(1, done.Attempts);
        Assert.Empty(_retryDelays);
    }

    [Fact]
    public async Task The_operation_gives_up_after_max_attempts_with_the_last_answer()
    {
        Script(Answer(503, requestId: "r1"), Answer(503, requestId: "r2"), Answer(503, requestId: "r3"), Answer(503, requestId: "r4"), Answer(200));

        var done = await Finish(Executor().RunAsync(Read));

        Assert.Equal(503, done.Result.Status);
        Assert.Equal("r4", done.Result.RequestId);
        Assert.Equal(4, done.Attempts);
        Assert.Equal(3, _stats.Retries);
    }

    [Fact]
    public async Task One_max_attempt_means_a_single_attempt_and_no_retry()
    {
        _options.MaxAttempts = 1;
        Script(Answer(503), Answer(200));

        var done = await Finish(Executor().RunAsync(Read));

        Assert.Equal(503, done.Result.Status);
        Assert.Equal(1, done.Attempts);
    }

    [Fact]
    public async Task A_write_that_may_have_landed_is_not_resent_when_verify_finds_it()
    {
        Script(Answer(503), Answer(201));
        var verifies = 0;

        var done = await Finish(Executor().RunAsync(Write, () =>
        {
            verifies++;
            return Task.FromResult<CallResult?>(Answer(200, requestId: "read"));
        }));

        Assert.Equal(1, SentCount);
        Assert.Equal(1, verifies);
        Assert.True(done.Verified);
        Assert.True(done.PreviousMayHaveRun);
        Assert.Equal("read", done.Result.RequestId);
        Assert.Equal(1, done.Attempts);
    }

    [Fact]
    public async Task A_write_is_resent_when_verify_does_not_find_it()
    {
        Script(Answer(0), Answer(201));
        var verifies = 0;

        var done = await Finish(Executor().RunAsync(Write, () =>
        {
            verifies++;
            return Task.FromResult<CallResult?>(null);
        }));

        Assert.Equal(2, SentCount);
        Assert.Equal(1, verifies);
        Assert.False(done.Verified);
        Assert.Equal(201, done.Result.Status);
        Assert.Equal(2, done.Attempts);
    }

    [Fact]
    public async Task A_failed_verify_read_is_retried_before_anything_is_resent()
    {
        Script(Answer(504), Answer(201));
        var reads = new Queue<CallResult?>([Answer(503), null]);

        var done = await Finish(Executor().RunAsync(Write, () => Task.FromResult(reads.Dequeue())));

        Assert.Empty(reads);
        Assert.Equal(2, SentCount);
        Assert.Equal(201, done.Result.Status);
    }

    [Theory]
    [InlineData(2.0)] // longer than the retry's delay: the re-read waits for the lag
    [InlineData(0.2)] // shorter: the retry's delay alone
    public async Task The_re_read_of_a_write_whose_fate_is_open_waits_out_the_read_after_write_lag(double lagSeconds)
    {
        _options.ReadAfterWriteLag = TimeSpan.FromSeconds(lagSeconds);
        Script(Answer(504), Answer(201));
        var readAt = TimeSpan.MinValue;

        var done = await Finish(Executor().RunAsync(Write, () =>
        {
            readAt = _clock.GetUtcNow() - _start;
            return Task.FromResult<CallResult?>(null);
        }));

        var retryDelay = Backoff.Delay(0, _options.BaseDelay);
        var expected = TimeSpan.FromSeconds(Math.Max(lagSeconds, retryDelay.TotalSeconds));
        Assert.Equal(expected, readAt);
        Assert.Equal([TimeSpan.Zero, expected], _sentAt); // the write goes again as soon as the re-read showed it absent
        Assert.Equal(201, done.Result.Status);
    }

    [Fact]
    public async Task The_read_after_write_lag_shrinks_with_time_compression()
    {
        _options.ReadAfterWriteLag = TimeSpan.FromSeconds(2);
        Script(Answer(0), Answer(201));
        var readAt = TimeSpan.MinValue;

        await Finish(Executor(timeCompression: 10).RunAsync(Write, () =>
        {
            readAt = _clock.GetUtcNow() - _start;
            return Task.FromResult<CallResult?>(null);
        }));

        Assert.Equal(TimeSpan.FromMilliseconds(200), readAt);
    }

    [Fact]
    public void The_read_after_write_lag_is_range_checked_at_start_up()
    {
        Assert.Contains(new DispatchOptions { ReadAfterWriteLag = TimeSpan.FromSeconds(-1) }.Validate(),
            e => e.Contains("Dispatch:ReadAfterWriteLag", StringComparison.Ordinal));
        Assert.Contains(new DispatchOptions { ReadAfterWriteLag = TimeSpan.FromMinutes(2) }.Validate(),
            e => e.Contains("Dispatch:ReadAfterWriteLag", StringComparison.Ordinal));
        Assert.Empty(new DispatchOptions { ReadAfterWriteLag = TimeSpan.Zero }.Validate());
        Assert.Equal(TimeSpan.FromSeconds(2), new DispatchOptions().ReadAfterWriteLag);
    }

    [Fact]
    public async Task A_throttled_write_is_resent_without_verify_because_429_means_not_applied()
    {
        Script(Answer(429, retryAfterSeconds: 1), Answer(201));
        var verifies = 0;

        var done = await Finish(Executor().RunAsync(Write, () =>
        {
            verifies++;
            return Task.FromResult<CallResult?>(Answer(200));
        }));

        Assert.Equal(0, verifies);
        Assert.Equal(2, SentCount);
        Assert.False(done.PreviousMayHaveRun);
    }

    [Fact]
    public async Task A_429_after_a_re_read_showed_the_write_absent_is_resent_without_another_re_read()
    {
        Script(Answer(503), Answer(429, retryAfterSeconds: 1), Answer(201));
        var verifies = 0;

        var done = await Finish(Executor().RunAsync(Write, () =>
        {
            verifies++;
            return Task.FromResult<CallResult?>(null);
        }));

        Assert.Equal(1, verifies);
        Assert.Equal(3, SentCount);
        Assert.Equal(201, done.Result.Status);
        Assert.True(done.PreviousMayHaveRun);
    }

    [Fact]
    public async Task Every_answer_that_leaves_the_write_unknown_is_followed_by_its_own_re_read()
    {
        Script(Answer(503), Answer(429, retryAfterSeconds: 1), Answer(504), Answer(201));
        var verifies = 0;

        var done = await Finish(Executor().RunAsync(Write, () =>
        {
            verifies++;
            return Task.FromResult<CallResult?>(null);
        }));

        Assert.Equal(2, verifies);
        Assert.Equal(4, SentCount);
        Assert.Equal(201, done.Result.Status);
    }

    [Fact]
    public async Task A_read_that_failed_is_resent_without_verify()
    {
        Script(Answer(503), Answer(200));
        var verifies = 0;

        var done = await Finish(Executor().RunAsync(Read, () =>
        {
            verifies++;
            return Task.FromResult<CallResult?>(Answer(200));
        }));

        Assert.Equal(0, verifies);
        Assert.Equal(2, done.Attempts);
    }

    [Fact]
    public async Task An_operation_that_keeps_failing_past_max_retry_time_gives_up_as_unknown()
    {
        _options.MaxAttempts = 100;
        _options.MaxRetryTime = TimeSpan.FromSeconds(30);
        Script(Answer(429, retryAfterSeconds: 7));

        var run = Executor().RunAsync(Write);
        var wait = ThrottleGate.WithMargin(TimeSpan.FromSeconds(7));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(wait, await NextRetryDelay());
            _clock.Advance(i < 4 ? wait : TimeSpan.FromSeconds(30) - (4 * wait));
        }

        var done = await run.WaitAsync(Guard);

        Assert.Equal(0, done.Result.Status);
        Assert.StartsWith("Gave up", done.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => i * wait), _sentAt);
        Assert.Equal(5, done.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30), done.Duration);
    }

    [Fact]
    public async Task A_verify_read_that_never_answers_is_cut_off_by_max_retry_time()
    {
        _options.MaxRetryTime = TimeSpan.FromSeconds(30);
        Script(Answer(503, retryAfterSeconds: 1));
        var neverAnswers = new TaskCompletionSource<CallResult?>();

        var run = Executor().RunAsync(Write, () => neverAnswers.Task);
        var wait = ThrottleGate.WithMargin(TimeSpan.FromSeconds(1));
        Assert.Equal(wait, await NextRetryDelay());
        _clock.Advance(wait);
        _clock.Advance(TimeSpan.FromSeconds(30) - wait);
        var done = await run.WaitAsync(Guard);

        Assert.StartsWith("Gave up", done.Result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), done.Duration);
    }
}
