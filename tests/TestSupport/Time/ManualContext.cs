namespace TestSupport;

/// <summary>
/// A synchronization context that runs posted continuations only when the test calls <see cref="Drain"/>,
/// on the test's own thread. Code that awaits a fake-clock delay resumes here, so after
/// <c>FakeTimeProvider.Advance</c> and <see cref="Drain"/> a test knows exactly which waits have ended:
/// a wait that is still pending really is pending, not merely not yet scheduled on the thread pool.
/// </summary>
public sealed class ManualContext : SynchronizationContext, IDisposable
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();
    private readonly SynchronizationContext? _previous = Current;

    public ManualContext() => SetSynchronizationContext(this);

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_posted)
        {
            _posted.Enqueue((d, state));
        }
    }

    public void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_posted)
            {
                if (!_posted.TryDequeue(out next))
                {
                    return;
                }
            }

            next.Callback(next.State);
        }
    }

    public void Dispose() => SetSynchronizationContext(_previous);
}
