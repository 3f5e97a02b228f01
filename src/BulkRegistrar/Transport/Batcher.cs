using System.Threading.Channels;
using BulkRegistrar.Audit;
using Serilog;

namespace BulkRegistrar.Transport;

/// <summary>
/// Packs calls submitted by many concurrent user workflows into <c>$batch</c> requests of up to 20
/// and sends several at once. Before each send it waits for a concurrency slot, the shared
/// throttle gate and the budget pacer, in that order. Every item is judged on its own when the
/// batch returns (<see cref="BatchFlight"/>). A cause that makes every further batch pointless — no connection, no
/// token, a 401 or 403 from Graph — opens the circuit: nothing more is sent, every waiting call fails with
/// <see cref="RunAbortedException"/>, and the calls of a batch that never left are not reported as
/// answered. Cancelling <c>stopSending</c> (Ctrl+C, SIGTERM) stops new batches; those in flight are
/// awaited for up to <c>drainTime</c> (or until <c>stopNow</c>, the second signal), and their results
/// are kept. A batch still unanswered then is given up on: its items come back as "no answer"
/// (status 0), which a write reports as an unknown outcome, never as "not sent".
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "CompleteAsync, awaited once at the end of every run, "
    + "is the end of a Batcher's life and disposes them; a Dispose beside it would be a second, unawaited end.")]
internal sealed class Batcher
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ThrottleGate _gate;
    private readonly BudgetPacer _pacer;
    private readonly ConcurrencyLimit _concurrency;
    private readonly CancellationToken _stopSending;
    private readonly ILogger _log;
    private readonly List<Task> _inFlight = [];
    private readonly TimeProvider _time;
    private readonly IntentJournal? _intents;
    private readonly BatchFlight _flight;

    private readonly PendingCalls _queued;
    private readonly CancellationTokenSource _stopOrAbort;
    private readonly Task _loop;
    private RunAbort? _abort;

    public Batcher(BatchSender sender, ThrottleGate gate, BudgetPacer pacer, ConcurrencyLimit concurrency, DispatchStats stats, CancellationToken stopSending,
        GraphAccess access, ILogger log, TimeProvider time, TimeSpan drainTime, CancellationToken stopNow = default, IntentJournal? intents = null)
    {
        (_gate, _pacer, _concurrency, _stopSending, _log, _time, _intents) = (gate, pacer, concurrency, stopSending, log, time, intents);
        _flight = new BatchFlight(sender, stats, pacer, concurrency, access, log, new InFlightDeadline(stopSending, stopNow, drainTime, time), this,
            time);
        _stopOrAbort = CancellationTokenSource.CreateLinkedTokenSource(stopSending);
        _queued = new PendingCalls(_pending.Reader, _stopOrAbort.Token);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Cancelled by the first stop signal or an abort.</summary>
    public CancellationToken Stopping => _stopOrAbort.Token;

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
        _flight.Dispose();
        _stopOrAbort.Dispose();
    }

    /// <summary>Fails calls that will never be sent: as not sent (<see cref="RunAbortedException"/>) after an abort, else as cancelled.</summary>
    public void Fail(IEnumerable<Pending> calls)
    {
        foreach (var p in calls)
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

    private async Task LoopAsync()
    {
        var token = _stopOrAbort.Token;
        List<Pending>? batch = null;
        try
        {
            while (true)
            {
                batch = null;
                _queued.Drain();
                if (_queued.Count == 0)
                {
                    if (!await _queued.MoreAsync())
                    {
                        break;
                    }

                    continue;
                }

                await _concurrency.AcquireAsync(token);
                batch = await _queued.NextBatchAsync(_gate, _time, token);
                if (batch.Count == 0)
                {
                    _concurrency.ReleaseUnused(); // every queued caller gave up: nothing was sent
                    continue;
                }

                var writes = batch.Count(p => p.Call.IsWrite);
                await _pacer.TakeAsync(batch.Count - writes, writes, token);
                // A 429 may have closed the gate for these kinds while the pacer held the batch.
                await _gate.WaitAsync(batch.Aggregate(RequestKinds.None, (k, p) => k | p.Call.Kind), token);
                if (Aborted is not null || _stopSending.IsCancellationRequested)
                {
                    _concurrency.Release(ThrottleSignal.None);
                    break;
                }

                // The waits above can be long (a closed gate): a caller that gave up meanwhile must not be sent now.
                batch.RemoveAll(p => p.DropIfGivenUp());
                if (batch.Count == 0)
                {
                    _concurrency.ReleaseUnused(); // nothing was sent: no reason to widen the limit
                    continue;
                }

                // Evidence before work: the batch's writes are in the write-ahead journal before it leaves, or it does not leave.
                var clientRequestId = Guid.NewGuid().ToString();
                if (_intents is not null && batch.Any(p => p.Call.IsWrite)
                    && _intents.Record(clientRequestId, batch.Where(p => p.Call.IsWrite).Select(p => (p.Call.Intent, p.Call.RequestLine))) is { } unrecorded)
                {
                    Abort(unrecorded);
                    _concurrency.Release(ThrottleSignal.None);
                    break;
                }

                var send = _flight.SendAsync(batch, clientRequestId);
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
        Fail(_queued.TakeAll());
    }
}
