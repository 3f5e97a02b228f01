namespace GraphEmulator.Inspection;

/// <summary>The last N requests, oldest dropped first, so a long run cannot grow memory without bound.</summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Queue<EmulatorRequestLogEntry> _entries = new();

    public void Add(EmulatorRequestLogEntry entry)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_entries)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<EmulatorRequestLogEntry> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
        }
    }
}
