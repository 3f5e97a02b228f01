using System.Threading.Channels;

namespace BulkRegistrar.Transport;

/// <summary>
/// The calls waiting to be packed: the channel the <see cref="Batcher"/>'s callers write to, and the queue its send loop
/// packs from, oldest first (only that loop touches them). A call whose caller gave up (its retry time ran out) is
/// dropped wherever it is met: its write must not be sent later.
/// </summary>
/// <param name="stopOrAbort">Ends the waits for a call (the run stopped or was aborted).</param>
internal sealed class PendingCalls(ChannelReader<Pending> channel, CancellationToken stopOrAbort)
{
    private readonly LinkedList<Pending> _queued = new();
    private Task<bool>? _more;
    private bool _completed;

    public int Count => _queued.Count;

    /// <summary>Moves what callers have written into the queue.</summary>
    public void Drain()
    {
        while (channel.TryRead(out var p))
        {
            if (!p.DropIfGivenUp())
            {
                _queued.AddLast(p);
            }
        }
    }

    /// <summary>Waits for a call; false once no more will come (completed, stopped or aborted).</summary>
    public async Task<bool> MoreAsync()
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

    /// <summary>
    /// Up to 20 queued calls of the kinds the gate lets through now, oldest first. While a budget window
    /// holds writes, reads still go (and the other way round); while every kind with queued calls is
    /// held, waits for the first to open or for a call of another kind to arrive.
    /// </summary>
    public async Task<List<Pending>> NextBatchAsync(ThrottleGate gate, TimeProvider time, CancellationToken token)
    {
        while (true)
        {
            Drain();
            var queued = Kinds();
            if (queued == RequestKinds.None)
            {
                return [];
            }

            var open = gate.Open(queued);
            if (open != RequestKinds.None)
            {
                return Take(open);
            }

            var delay = Task.Delay(gate.UntilAnyOpen(queued), time, token);
            await (_completed ? delay : Task.WhenAny(delay, More()));
            token.ThrowIfCancellationRequested();
            if (_more is { IsCompleted: true })
            {
                await MoreAsync();
            }
        }
    }

    /// <summary>Everything still waiting, queued or in the channel, emptied: the run stopped and none of it will be sent.</summary>
    public List<Pending> TakeAll()
    {
        var all = _queued.ToList();
        _queued.Clear();
        while (channel.TryRead(out var left))
        {
            all.Add(left);
        }

        return all;
    }

    /// <summary>The kinds of request waiting.</summary>
    private RequestKinds Kinds()
    {
        var kinds = RequestKinds.None;
        for (var node = _queued.First; node is not null && kinds != RequestKinds.All;)
        {
            var next = node.Next;
            if (node.Value.DropIfGivenUp())
            {
                _queued.Remove(node);
            }
            else
            {
                kinds |= node.Value.Call.Kind;
            }

            node = next;
        }

        return kinds;
    }

    /// <summary>Up to <see cref="BatchSender.MaxBatchSize"/> calls of the <paramref name="open"/> kinds, oldest first, all of the oldest's Graph
    /// version (v1.0 or beta: a batch is posted to one).</summary>
    private List<Pending> Take(RequestKinds open)
    {
        var batch = new List<Pending>(BatchSender.MaxBatchSize);
        bool? beta = null;
        for (var node = _queued.First; node is not null && batch.Count < BatchSender.MaxBatchSize;)
        {
            var next = node.Next;
            if (node.Value.DropIfGivenUp())
            {
                _queued.Remove(node);
            }
            else if (open.HasFlag(node.Value.Call.Kind) && (beta ?? node.Value.Call.Beta) == node.Value.Call.Beta)
            {
                beta = node.Value.Call.Beta;
                batch.Add(node.Value);
                _queued.Remove(node);
            }

            node = next;
        }

        return batch;
    }

    /// <summary>The one outstanding "a call arrived" wait (a single-reader channel allows one).</summary>
    private Task<bool> More() => _more ??= channel.WaitToReadAsync(stopOrAbort).AsTask();
}

/// <summary>A call, the task its caller awaits, and the caller's own "give up" (its retry time ran out).</summary>
internal sealed record Pending(GraphCall Call, TaskCompletionSource<CallResult> Done, CancellationToken GiveUp)
{
    /// <summary>True when the caller gave up: it is told so, and the call must not be sent.</summary>
    public bool DropIfGivenUp()
    {
        if (!GiveUp.IsCancellationRequested)
        {
            return false;
        }

        Done.TrySetCanceled(GiveUp);
        return true;
    }
}
