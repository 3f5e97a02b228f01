using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;
/// <summary>The item layer when the run stops or is aborted: what was sent is awaited and reported for what it may have done.</summary>
public class GraphExecutorStopTests : GraphExecutorScript
{
    [Fact]
    public async Task A_run_aborted_by_the_sender_propagates()
    {
        var abort = new RunAbort(AbortCause.GraphForbidden, "auth failed");
        var executor = new GraphExecutor((_, _) => throw new RunAbortedException(abort), _clock, _stats, _options, 1);

        var e = await Assert.ThrowsAsync<RunAbortedException>(() => executor.RunAsync(Write));

        Assert.Equal("auth failed", e.Message);
    }

    [Fact]
    public async Task A_run_aborted_while_retrying_propagates()
    {
        var sends = 0;
        var revoked = new RunAbortedException(new RunAbort(AbortCause.GraphUnauthorized, "revoked"));
        var executor = new GraphExecutor((_, _) => ++sends == 1 ? Task.FromResult(Answer(503)) : Task.FromException<CallResult>(revoked),
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
    public async Task A_stop_while_the_re_read_waits_out_the_read_after_write_lag_reads_nothing_and_is_an_unknown_outcome()
    {
        using var stop = new CancellationTokenSource();
        _options.ReadAfterWriteLag = TimeSpan.FromSeconds(30);
        Script(Answer(504), Answer(201));
        var reads = 0;

        var run = new GraphExecutor(Send, _clock, _stats, _options, 1, stop.Token).RunAsync(Write, () =>
        {
            reads++;
            return Task.FromResult<CallResult?>(null);
        });
        var retryDelay = await NextRetryDelay();
        _clock.Advance(retryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30) - retryDelay, await NextRetryDelay()); // the rest of the lag
        await stop.CancelAsync();
        var done = await run.WaitAsync(Guard);

        Assert.Equal(0, reads);
        Assert.Equal(1, SentCount);
        Assert.True(done.Ended!.MayHaveLanded);
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
        var unreachable = new RunAbortedException(new RunAbort(AbortCause.CannotConnect, "Cannot connect to Graph."));
        var executor = new GraphExecutor((_, _) => ++sends == 1 ? Task.FromResult(Answer(0, requestId: "r-1")) : Task.FromException<CallResult>(unreachable),
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
