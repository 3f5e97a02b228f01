namespace GraphEmulator.Inspection;

/// <summary>
/// A test hook (not Graph behaviour): tasks that complete the moment a counter reaches a value, so a test
/// acts at that moment by awaiting instead of polling <see cref="EmulatorStats"/> in a loop.
/// </summary>
internal sealed class CountWaiters
{
    private readonly List<(long Target, TaskCompletionSource Reached)> _waiting = [];

    // Read on every count without the lock, so a run nobody waits on pays one volatile read per write.
    private int _pending;

    public Task WhenReached(long target, Func<long> current)
    {
        lock (_waiting)
        {
            // Announce the waiter before reading the counter; Counted increments before reading _pending,
            // so (both interlocked) at least one side sees the other and no target is missed.
            Interlocked.Increment(ref _pending);
            if (current() >= target)
            {
                Interlocked.Decrement(ref _pending);
                return Task.CompletedTask;
            }

            // Asynchronous continuations: the test's code must not run on the emulator's request thread.
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((target, reached));
            return reached.Task;
        }
    }

    public void Counted(long value)
    {
        if (Volatile.Read(ref _pending) == 0)
        {
            return;
        }

        lock (_waiting)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (value >= _waiting[i].Target)
                {
                    _waiting[i].Reached.TrySetResult();
                    _waiting.RemoveAt(i);
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
    }
}
