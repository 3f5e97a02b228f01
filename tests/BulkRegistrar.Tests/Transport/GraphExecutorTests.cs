using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;

public class GraphExecutorTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private static readonly GraphCall Write = new(new RequestInformation { HttpMethod = Method.POST, URI = new Uri("https://x/v1.0/users/1") }, IsWrite: true);
    private static readonly GraphCall Read = new(new RequestInformation { HttpMethod = Method.GET, URI = new Uri("https://x/v1.0/users/1") }, IsWrite: false);

    private readonly ObservedClock _clock = new();
    private readonly DispatchStats _stats = new();
    private readonly List<TimeSpan> _sentAt = [];
    private readonly List<TimeSpan> _retryDelays = [];
    private readonly DateTimeOffset _start;
    private Queue<CallResult> _answers = new();

    private readonly DispatchOptions _options = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(4),
        MaxRetryTime = TimeSpan.FromHours(1),
    };

    public GraphExecutorTests() => _start = _clock.GetUtcNow();

    private static CallResult Answer(int status, double? retryAfterSeconds = null, string? requestId = null) =>
        new(status, status >= 400 ? """{"error":{"code":"x","message":"y"}}""" : "{}", requestId,
            retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, null);

    private GraphExecutor Executor(double timeCompression = 1) =>
        new(Send, _clock, _stats, _options, timeCompression, randomizer: Backoff.Randomizer);

    /// <summary>Answers with the scripted results in order; the last one repeats.</summary>
    private Task<CallResult> Send(GraphCall call, CancellationToken ct)
    {
        lock (_sentAt)
        {
            _sentAt.Add(_clock.GetUtcNow() - _start);
            return Task.FromResult(_answers.Count > 1 ? _answers.Dequeue() : _answers.Peek());
        }
    }

    private void Script(params CallResult[] answers) => _answers = new Queue<CallResult>(answers);

    private int SentCount
    {
        get
        {
            lock (_sentAt)
            {
                return _sentAt.Count;
            }
        }
    }

    /// <summary>The next delay the pipeline asks for, skipping the MaxRetryTime timer it starts per operation.</summary>
    private async Task<TimeSpan> NextRetryDelay()
    {
        while (true)
        {
            var due = await _clock.NextTimerAsync();
            if (due != _options.MaxRetryTime)
            {
                return due;
            }
        }
    }

    /// <summary>Lets every retry delay pass, exactly, until the operation ends.</summary>
    private async Task<ExecutedCall> Finish(Task<ExecutedCall> run)
    {
        while (true)
        {
            var delay = NextRetryDelay();
            if (await Task.WhenAny(run, delay).WaitAsync(Guard) == run)
            {
                return await run;
            }

            _retryDelays.Add(await delay);
            _clock.Advance(await delay);
        }
    }

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

    [Fact]
    public async Task A_run_aborted_by_the_sender_propagates()
    {
        var executor = new GraphExecutor((_, _) => throw new RunAbortedException(new RunAbort(AbortCause.GraphForbidden, "auth failed")), _clock, _stats, _options, 1);

        var e = await Assert.ThrowsAsync<RunAbortedException>(() => executor.RunAsync(Write));

        Assert.Equal("auth failed", e.Message);
    }

    [Fact]
    public async Task A_run_aborted_while_retrying_propagates()
    {
        var sends = 0;
        var executor = new GraphExecutor((_, _) => ++sends == 1 ? Task.FromResult(Answer(503)) : Task.FromException<CallResult>(new RunAbortedException(new RunAbort(AbortCause.GraphUnauthorized, "revoked"))),
            _clock, _stats, _options, 1);

        var run = executor.RunAsync(Read);
        await Assert.ThrowsAsync<RunAbortedException>(() => Finish(run));
        Assert.Equal(2, sends);
    }

    [Fact]
    public async Task A_lost_response_write_stopped_before_its_retry_is_an_unknown_outcome_not_unsent()
    {
        using var stop = new CancellationTokenSource();
        Script(Answer(504), Answer(201));

        var run = new GraphExecutor(Send, _clock, _stats, _options, 1, stop.Token).RunAsync(Write, () => Task.FromResult<CallResult?>(null));
        await NextRetryDelay();
        await stop.CancelAsync();
        var done = await run.WaitAsync(Guard);

        Assert.Equal(1, SentCount);
        Assert.True(done.Ended!.MayHaveLanded);
        Assert.Equal(0, done.Result.Status);
    }

    [Fact]
    public async Task A_stop_during_the_verify_read_of_a_lost_response_write_is_an_unknown_outcome()
    {
        using var stop = new CancellationTokenSource();
        Script(Answer(503, retryAfterSeconds: 1), Answer(201));
        var executor = new GraphExecutor(Send, _clock, _stats, _options, 1, stop.Token);

        var run = executor.RunAsync(Write, () => Task.FromException<CallResult?>(new OperationCanceledException(stop.Token)));
        var wait = await NextRetryDelay();
        await stop.CancelAsync();
        _clock.Advance(wait);
        var done = await run.WaitAsync(Guard);

        Assert.True(done.Ended!.MayHaveLanded);
        Assert.Equal(1, SentCount);
    }

    [Fact]
    public async Task A_write_in_flight_at_the_stop_is_awaited_and_its_answer_kept()
    {
        using var stop = new CancellationTokenSource();
        var answer = new TaskCompletionSource<CallResult>();
        var executor = new GraphExecutor((_, _) => answer.Task, _clock, _stats, _options, 1, stop.Token);

        var run = executor.RunAsync(Write);
        await stop.CancelAsync();
        Assert.False(run.IsCompleted);
        answer.SetResult(Answer(201));
        var done = await run.WaitAsync(Guard);

        Assert.Equal(201, done.Result.Status);
        Assert.Null(done.Ended);
    }

    [Fact]
    public async Task A_write_whose_batch_was_given_up_after_the_stop_is_an_unknown_outcome()
    {
        using var stop = new CancellationTokenSource();
        var answer = new TaskCompletionSource<CallResult>();
        var executor = new GraphExecutor((_, _) => answer.Task, _clock, _stats, _options, 1, stop.Token);

        var run = executor.RunAsync(Write);
        await stop.CancelAsync();
        answer.SetResult(CallResult.Unknown("No answer: the run stopped waiting for this batch after the stop signal."));
        var done = await run.WaitAsync(Guard);

        Assert.True(done.Ended!.MayHaveLanded);
        Assert.Equal("Cancelled", done.Ended.Error);
    }

    [Fact]
    public async Task A_throttled_write_stopped_before_its_retry_is_reported_as_not_applied()
    {
        using var stop = new CancellationTokenSource();
        Script(Answer(429, retryAfterSeconds: 5));

        var run = new GraphExecutor(Send, _clock, _stats, _options, 1, stop.Token).RunAsync(Write);
        await NextRetryDelay();
        await stop.CancelAsync();
        var done = await run.WaitAsync(Guard);

        Assert.False(done.Ended!.MayHaveLanded);
        Assert.Equal(429, done.Result.Status);
        Assert.Equal(1, SentCount);
    }

    [Fact]
    public async Task A_read_stopped_before_its_retry_throws_so_the_users_writes_are_not_sent()
    {
        using var stop = new CancellationTokenSource();
        Script(Answer(503));

        var run = new GraphExecutor(Send, _clock, _stats, _options, 1, stop.Token).RunAsync(Read);
        await NextRetryDelay();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Guard));
    }

    [Fact]
    public async Task A_write_never_sent_before_the_stop_throws_so_it_is_reported_not_sent()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        Script(Answer(201));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new GraphExecutor(Send, _clock, _stats, _options, 1, stop.Token).RunAsync(Write));
        Assert.Equal(0, SentCount);
    }

    [Fact]
    public async Task A_run_aborted_before_the_retry_of_a_lost_response_write_is_an_unknown_outcome()
    {
        var sends = 0;
        var executor = new GraphExecutor((_, _) => ++sends == 1 ? Task.FromResult(Answer(0, requestId: "r-1")) : Task.FromException<CallResult>(new RunAbortedException(new RunAbort(AbortCause.CannotConnect, "Cannot connect to Graph."))),
            _clock, _stats, _options, 1);

        var done = await Finish(executor.RunAsync(Write, () => Task.FromResult<CallResult?>(null)));

        Assert.True(done.Ended!.MayHaveLanded);
        Assert.Equal(2, sends);
        Assert.Equal("r-1", done.Result.RequestId); // the last answer's ids stay with the record
    }

    [Fact]
    public async Task A_write_out_of_attempts_after_server_errors_is_an_unknown_outcome_not_a_failure()
    {
        Script(Answer(503));

        var done = await Finish(Executor().RunAsync(Write, () => Task.FromResult<CallResult?>(null)));

        Assert.Equal(4, done.Attempts);
        Assert.True(done.Ended!.MayHaveLanded);
    }
}
