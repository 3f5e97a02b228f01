using System.Threading.Channels;
using BulkRegistrar.Audit;
using Serilog;

namespace BulkRegistrar.Transport;

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
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "CompleteAsync, awaited once at the end of every run, is the end of a Batcher's life and disposes them; a Dispose beside it would be a second, unawaited end.")]
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
    private readonly TimeProvider _time;
    private readonly Audit.IntentJournal? _intents;

    /// <summary>Calls taken from the channel, not yet in a batch: only the send loop touches it.</summary>
    private readonly LinkedList<Pending> _queued = new();
    private readonly CancellationTokenSource _stopOrAbort;
    private readonly Task _loop;
    private Task<bool>? _more;
    private bool _completed;
    private RunAbort? _abort;

    public Batcher(BatchSender sender, ThrottleGate gate, BudgetPacer pacer, ConcurrencyLimit concurrency, DispatchStats stats, CancellationToken stopSending,
        GraphAccess access, ILogger log, TimeProvider time, TimeSpan drainTime, CancellationToken stopNow = default, Audit.IntentJournal? intents = null)
    {
        _intents = intents;
        (_sender, _gate, _pacer, _concurrency, _stats, _stopSending, _access, _log) = (sender, gate, pacer, concurrency, stats, stopSending, access, log);
        _deadline = new InFlightDeadline(stopSending, stopNow, drainTime, time);
        _time = time;
        _stopOrAbort = CancellationTokenSource.CreateLinkedTokenSource(stopSending);
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
        try
        {
            _stopOrAbort.Cancel(); // ends the send loop's waits (a closed gate can hold it for minutes)
        }
        catch (ObjectDisposedException)
        {
            // The run has completed: nothing is waiting any more.
        }
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
        _stopOrAbort.Dispose();
    }

    private async Task LoopAsync()
    {
        var token = _stopOrAbort.Token;
        List<Pending>? batch = null;
        try
        {
            while (true)
            {
                batch = null;
                Drain();
                if (_queued.Count == 0)
                {
                    if (!await MoreAsync())
                    {
                        break;
                    }

                    continue;
                }

                await _concurrency.AcquireAsync(token);
                batch = await NextBatchAsync(token);
                if (batch.Count == 0)
                {
                    _concurrency.Release(false, 1.0); // every queued caller gave up: nothing was sent
                    continue;
                }

                var writes = batch.Count(p => p.Call.IsWrite);
                await _pacer.TakeAsync(batch.Count - writes, writes, token);
                // A 429 may have closed the gate for these kinds while the pacer held the batch.
                await _gate.WaitAsync(KindsOf(batch), token);
                if (Aborted is not null || _stopSending.IsCancellationRequested)
                {
                    _concurrency.Release(false, null);
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

                // Evidence before work: the batch's writes are in the write-ahead journal before it leaves, or it does not leave.
                var clientRequestId = Guid.NewGuid().ToString();
                if (_intents is not null && batch.Any(p => p.Call.IsWrite)
                    && _intents.Record(clientRequestId, batch.Where(p => p.Call.IsWrite).Select(p => (p.Call.Intent, p.Call.RequestLine))) is { } unrecorded)
                {
                    Abort(unrecorded);
                    _concurrency.Release(false, null);
                    break;
                }

                var send = SendAsync(batch, clientRequestId);
                batch = null;
                lock (_inFlight)
                {
                    _inFlight.RemoveAll(t => t.IsCompleted);
                    _inFlight.Add(send);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped or aborted while waiting: the batch in hand never left.
        }

        // Stopped (cancelled or aborted): whatever is still queued is never sent.
        Fail(batch ?? []);
        Fail(_queued);
        _queued.Clear();
        while (_pending.Reader.TryRead(out var left))
        {
            Fail([left]);
        }
    }

    /// <summary>
    /// Up to 20 queued calls of the kinds the gate lets through now, oldest first. While a budget window
    /// holds writes, reads still go (and the other way round); while every kind with queued calls is
    /// held, waits for the first to open or for a call of another kind to arrive.
    /// </summary>
    private async Task<List<Pending>> NextBatchAsync(CancellationToken token)
    {
        while (true)
        {
            Drain();
            var queued = QueuedKinds();
            if (queued == RequestKinds.None)
            {
                return [];
            }

            var open = _gate.Open(queued);
            if (open != RequestKinds.None)
            {
                return Take(open);
            }

            var delay = Task.Delay(_gate.UntilAnyOpen(queued), _time, token);
            await (_completed ? delay : Task.WhenAny(delay, More()));
            token.ThrowIfCancellationRequested();
            if (_more is { IsCompleted: true })
            {
                await MoreAsync();
            }
        }
    }

    private void Drain()
    {
        while (_pending.Reader.TryRead(out var p))
        {
            // A caller that gave up (its retry time ran out) must not have its write sent later.
            if (p.GiveUp.IsCancellationRequested)
            {
                p.Done.TrySetCanceled(p.GiveUp);
            }
            else
            {
                _queued.AddLast(p);
            }
        }
    }

    private RequestKinds QueuedKinds()
    {
        var kinds = RequestKinds.None;
        for (var node = _queued.First; node is not null && kinds != RequestKinds.All;)
        {
            var next = node.Next;
            if (node.Value.GiveUp.IsCancellationRequested)
            {
                node.Value.Done.TrySetCanceled(node.Value.GiveUp);
                _queued.Remove(node);
            }
            else
            {
                kinds |= KindOf(node.Value);
            }

            node = next;
        }

        return kinds;
    }

    private List<Pending> Take(RequestKinds open)
    {
        var batch = new List<Pending>(BatchSender.MaxBatchSize);
        for (var node = _queued.First; node is not null && batch.Count < BatchSender.MaxBatchSize;)
        {
            var next = node.Next;
            if (node.Value.GiveUp.IsCancellationRequested)
            {
                node.Value.Done.TrySetCanceled(node.Value.GiveUp);
                _queued.Remove(node);
            }
            else if (open.HasFlag(KindOf(node.Value)))
            {
                batch.Add(node.Value);
                _queued.Remove(node);
            }

            node = next;
        }

        return batch;
    }

    private static RequestKinds KindOf(Pending p) => p.Call.IsWrite ? RequestKinds.Writes : RequestKinds.Reads;

    private static RequestKinds KindsOf(List<Pending> batch) => batch.Aggregate(RequestKinds.None, (k, p) => k | KindOf(p));

    /// <summary>The one outstanding "a call arrived" wait (a single-reader channel allows one).</summary>
    private Task<bool> More() => _more ??= _pending.Reader.WaitToReadAsync(_stopOrAbort.Token).AsTask();

    /// <summary>Waits for a call; false once no more will come (completed, stopped or aborted).</summary>
    private async Task<bool> MoreAsync()
    {
        if (_completed)
        {
            return false;
        }

        try
        {
            _completed = !await More();
        }
        catch (OperationCanceledException)
        {
            _completed = true;
        }

        _more = null;
        return !_completed;
    }

    private async Task SendAsync(List<Pending> batch, string clientRequestId)
    {
        var calls = batch.Select(p => p.Call).ToList();
        CallResult[] results;
        try
        {
            // Not cancelled by the stop itself: a batch that left is allowed to come back, so its writes are
            // known — up to Dispatch:DrainTime after the stop, or until a second signal.
            results = await _sender.SendAsync(calls, _deadline.Token, clientRequestId);
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
        var budget = RequestKinds.None;
        var busy = false;
        var writeBucket = false;
        var resourceBucket = false;
        double? percentage = null;
        TimeSpan? pause = null;
        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            percentage = Math.Max(percentage ?? 0, r.ThrottleLimitPercentage ?? 0);
            if (r.Failure is { NothingSent: true } failure)
            {
                // No connection or no token: the batch never left, and every further batch would meet the same.
                Abort(failure.ToAbort());
            }
            else if (r.IsAuthFailure)
            {
                _log.Information("Graph answered {Status} {Code} (request-id {RequestId}, client-request-id {ClientRequestId})", r.Status, r.Error.Code, r.RequestId, r.ClientRequestId);
                Abort(await _access.RefusedAsync(r, calls[i]));
            }
            else if (r.IsThrottled || (r.FromEnvelope && r.RetryAfter is not null))
            {
                // Only a 429 that names a spent budget holds its kind of request for everyone (and slows the
                // pace); a $batch envelope refused with Retry-After holds every envelope, so everything. Any
                // other 429 ("service busy") holds only the request that got it — its own retry waits out the
                // Retry-After (GraphExecutor), and its user's later steps come after that retry — and lowers
                // the concurrency.
                var kinds = r.BudgetKinds;
                var wait = ThrottleGate.WithMargin(r.RetryAfter ?? TimeSpan.FromSeconds(1));
                var holds = kinds != RequestKinds.None ? kinds : r.FromEnvelope ? RequestKinds.All : RequestKinds.None;
                if (holds != RequestKinds.None)
                {
                    pause = pause is { } p && p > wait ? p : wait;
                    _gate.Close(holds, wait);
                }

                budget |= kinds;
                busy |= kinds == RequestKinds.None;
                writeBucket |= kinds == RequestKinds.Writes;
                resourceBucket |= kinds is RequestKinds.Reads or RequestKinds.All;
            }
        }

        // Once per batch and bucket: twenty items refused by one empty bucket are one signal, not twenty.
        if (writeBucket)
        {
            _pacer.OnThrottled(RequestKinds.Writes);
        }

        if (resourceBucket)
        {
            _pacer.OnThrottled(RequestKinds.All);
        }

        var throttled = results.Count(r => r.IsThrottled);
        if (throttled > 0 || pause is not null)
        {
            var first = results.FirstOrDefault(r => r.IsBudgetExhausted) ?? results.FirstOrDefault(r => r.IsThrottled) ?? results[0];
            _log.Information("Throttled: {Count} of {Size} items answered 429 ({Scope}, {Information}); {Held} held for {PauseMs} ms (Retry-After {RetryAfter}, request-id {RequestId})",
                throttled, results.Length, first.ThrottleScope ?? "no scope", first.ThrottleInformation ?? "no throttle information",
                pause is null ? "only the throttled requests" : budget != RequestKinds.None ? budget.ToString() : "all envelopes",
                (long)(pause ?? first.RetryAfter ?? TimeSpan.Zero).TotalMilliseconds, first.RetryAfter, first.RequestId);
        }

        if (budget == RequestKinds.None)
        {
            _pacer.OnAdmitted();
        }

        _concurrency.Release(budget != RequestKinds.None, percentage, busy);
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
