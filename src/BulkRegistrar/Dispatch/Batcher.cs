using System.Threading.Channels;
using BulkRegistrar.Graph;
using Serilog;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// Packs calls submitted by many concurrent user workflows into <c>$batch</c> requests of up to 20
/// and sends several at once. Before each send it waits for a concurrency slot, the shared
/// throttle gate and the budget pacer, in that order. Every item is judged on its own when the
/// batch returns. A cause that makes every further batch pointless — no connection, no token, a 401 or
/// 403 from Graph — opens the circuit: nothing more is sent, every waiting call fails with
/// <see cref="RunAbortedException"/>, and the calls of a batch that never left are not reported as
/// answered. Cancelling <c>stopSending</c> (Ctrl+C, SIGTERM) stops new batches; those in flight are
/// awaited for up to <c>drainTime</c> (or until <c>stopNow</c>, the second signal), and their results
/// are kept. A batch still unanswered then is given up on: its items come back as "no answer"
/// (status 0), which a write reports as an unknown outcome, never as "not sent".
/// </summary>
internal sealed class Batcher
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BatchSender _sender;
    private readonly ThrottleGate _gate;
    private readonly BudgetPacer _pacer;
    private readonly ConcurrencyLimit _concurrency;
    private readonly DispatchStats _stats;
    private readonly CancellationToken _stopSending;
    private readonly GraphAccess _access;
    private readonly ILogger _log;
    private readonly InFlightDeadline _deadline;
    private readonly List<Task> _inFlight = [];
    private readonly Task _loop;
    private RunAbort? _abort;

    public Batcher(BatchSender sender, ThrottleGate gate, BudgetPacer pacer, ConcurrencyLimit concurrency, DispatchStats stats, CancellationToken stopSending,
        GraphAccess access, ILogger log, TimeProvider time, TimeSpan drainTime, CancellationToken stopNow = default)
    {
        (_sender, _gate, _pacer, _concurrency, _stats, _stopSending, _access, _log) = (sender, gate, pacer, concurrency, stats, stopSending, access, log);
        _deadline = new InFlightDeadline(stopSending, stopNow, drainTime, time);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The first cause that stopped the run, or null.</summary>
    public RunAbort? Aborted => Volatile.Read(ref _abort);

    /// <summary>Sends the call in a coming batch; completes with its own result.</summary>
    public Task<CallResult> SubmitAsync(GraphCall call, CancellationToken giveUp = default)
    {
        if (Aborted is { } abort)
        {
            return Task.FromException<CallResult>(new RunAbortedException(abort));
        }

        _stopSending.ThrowIfCancellationRequested();
        var pending = new Pending(call, new TaskCompletionSource<CallResult>(TaskCreationOptions.RunContinuationsAsynchronously), giveUp);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The dispatcher is closed.");
        }

        return pending.Done.Task;
    }

    public void Abort(RunAbort abort)
    {
        if (Interlocked.CompareExchange(ref _abort, abort, null) is null)
        {
            _log.Information("Stopping: {Cause}. No new batch will be sent.", abort.Name);
        }

        _pending.Writer.TryComplete();
    }

    /// <summary>No more calls will come: send what is queued, then wait for every batch.</summary>
    public async Task CompleteAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
        Task[] running;
        lock (_inFlight)
        {
            running = [.. _inFlight];
        }

        await Task.WhenAll(running);
        _deadline.Dispose();
    }

    private async Task LoopAsync()
    {
        var reader = _pending.Reader;
        while (await WaitToReadAsync(reader))
        {
            var batch = new List<Pending>(BatchSender.MaxBatchSize);
            while (batch.Count < BatchSender.MaxBatchSize && reader.TryRead(out var p))
            {
                // A caller that gave up (its retry time ran out) must not have its write sent later.
                if (p.GiveUp.IsCancellationRequested)
                {
                    p.Done.TrySetCanceled(p.GiveUp);
                }
                else
                {
                    batch.Add(p);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await _concurrency.AcquireAsync(_stopSending);
                await _gate.WaitAsync(_stopSending);
                var writes = batch.Count(p => p.Call.IsWrite);
                await _pacer.TakeAsync(batch.Count - writes, writes, _stopSending);
            }
            catch (OperationCanceledException)
            {
                Fail(batch);
                break;
            }

            if (Aborted is not null || _stopSending.IsCancellationRequested)
            {
                _concurrency.Release(false, null);
                Fail(batch);
                break;
            }

            // The waits above can be long (a closed gate): a caller that gave up meanwhile must not be sent now.
            foreach (var p in batch.Where(p => p.GiveUp.IsCancellationRequested).ToList())
            {
                p.Done.TrySetCanceled(p.GiveUp);
                batch.Remove(p);
            }

            if (batch.Count == 0)
            {
                _concurrency.Release(false, 1.0); // nothing was sent: no reason to widen the limit
                continue;
            }

            var send = SendAsync(batch);
            lock (_inFlight)
            {
                _inFlight.RemoveAll(t => t.IsCompleted);
                _inFlight.Add(send);
            }
        }

        // Stopped (cancelled or aborted): whatever is still queued is never sent.
        while (reader.TryRead(out var left))
        {
            Fail([left]);
        }
    }

    private async Task<bool> WaitToReadAsync(ChannelReader<Pending> reader)
    {
        try
        {
            return await reader.WaitToReadAsync(_stopSending);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        var calls = batch.Select(p => p.Call).ToList();
        CallResult[] results;
        try
        {
            // Not cancelled by the stop itself: a batch that left is allowed to come back, so its writes are
            // known — up to Dispatch:DrainTime after the stop, or until a second signal.
            results = await _sender.SendAsync(calls, _deadline.Token);
        }
        catch (OperationCanceledException) when (_deadline.Token.IsCancellationRequested)
        {
            results = [.. calls.Select(_ => CallResult.Unknown("No answer: the run stopped waiting for this batch after the stop signal."))];
        }
        catch (Exception e)
        {
            results = [.. calls.Select(_ => CallResult.Unknown($"{e.GetType().Name}: {e.Message}"))];
        }

        _stats.OnBatch(calls, results);
        var throttled = false;
        double? percentage = null;
        TimeSpan? pause = null;
        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            percentage = Math.Max(percentage ?? 0, r.ThrottleLimitPercentage ?? 0);
            if (r.Failure is { NothingSent: true } failure)
            {
                // No connection or no token: the batch never left, and every further batch would meet the same.
                Abort(RunAbort.From(failure));
            }
            else if (r.IsAuthFailure)
            {
                _log.Information("Graph answered {Status} {Code} (request-id {RequestId}, client-request-id {ClientRequestId})", r.Status, r.Error.Code, r.RequestId, r.ClientRequestId);
                Abort(await _access.RefusedAsync(r, calls[i]));
            }
            else if (r.IsThrottled)
            {
                // Every 429 closes the gate (never send inside a Retry-After window); only one that says the
                // budget is spent also slows the pace and the concurrency — a passing "service busy" is not a
                // reason to run below the budget for the rest of the run.
                var wait = ThrottleGate.WithMargin(r.RetryAfter ?? TimeSpan.FromSeconds(1));
                pause = pause is { } p && p > wait ? p : wait;
                _gate.Close(wait);
                if (r.IsBudgetExhausted || r.ThrottleInformation is null)
                {
                    throttled = true;
                    _pacer.OnThrottled(calls[i].IsWrite);
                }
            }
        }

        if (pause is { } longest)
        {
            var first = results.First(r => r.IsThrottled);
            _log.Information("Throttled: {Count} of {Size} items answered 429 ({Information}); sending paused for {PauseMs} ms (Retry-After {RetryAfter}, request-id {RequestId})",
                results.Count(r => r.IsThrottled), results.Length, first.ThrottleInformation ?? "no throttle information", (long)longest.TotalMilliseconds, first.RetryAfter, first.RequestId);
        }

        if (!throttled)
        {
            _pacer.OnAdmitted();
        }

        _concurrency.Release(throttled, percentage);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Failure is { NothingSent: true } && Aborted is { } abort)
            {
                // Never sent: reported as not sent (RunAborted), not as an answer.
                batch[i].Done.TrySetException(new RunAbortedException(abort));
            }
            else
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
    }

    private void Fail(IEnumerable<Pending> batch)
    {
        foreach (var p in batch)
        {
            if (Aborted is { } abort)
            {
                p.Done.TrySetException(new RunAbortedException(abort));
            }
            else
            {
                p.Done.TrySetCanceled(_stopSending);
            }
        }
    }

    private sealed record Pending(GraphCall Call, TaskCompletionSource<CallResult> Done, CancellationToken GiveUp);
}
