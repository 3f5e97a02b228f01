namespace BulkRegistrar.Transport;

/// <summary>
/// The calls taken from the <see cref="Batcher"/>'s channel and not yet in a batch, oldest first; only its send loop
/// touches them. A call whose caller gave up (its retry time ran out) is dropped wherever it is met: its write must
/// not be sent later.
/// </summary>
internal sealed class PendingCalls
{
    private readonly LinkedList<Pending> _queued = new();

    public int Count => _queued.Count;

    public void Add(Pending p)
    {
        if (!p.DropIfGivenUp())
        {
            _queued.AddLast(p);
        }
    }

    /// <summary>The kinds of request waiting.</summary>
    public RequestKinds Kinds()
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

    /// <summary>Up to <see cref="BatchSender.MaxBatchSize"/> calls of the <paramref name="open"/> kinds, oldest first.</summary>
    public List<Pending> Take(RequestKinds open)
    {
        var batch = new List<Pending>(BatchSender.MaxBatchSize);
        for (var node = _queued.First; node is not null && batch.Count < BatchSender.MaxBatchSize;)
        {
            var next = node.Next;
            if (node.Value.DropIfGivenUp())
            {
                _queued.Remove(node);
            }
            else if (open.HasFlag(node.Value.Call.Kind))
            {
                batch.Add(node.Value);
                _queued.Remove(node);
            }

            node = next;
        }

        return batch;
    }

    /// <summary>Everything still waiting, emptied: the run stopped and none of it will be sent.</summary>
    public List<Pending> TakeAll()
    {
        var all = _queued.ToList();
        _queued.Clear();
        return all;
    }
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
