using System.Collections.Concurrent;

namespace GraphEmulator.Inspection;

/// <summary>Thread-safe counters behind /_emulator/stats; tests and benchmarks assert on them.</summary>
internal sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<(string Route, int Status), long> _byRoute = new();
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _writesByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _events = new(StringComparer.Ordinal);
    private readonly CountWaiters _writeWaiters = new();
    private long _requests, _envelopes, _items, _throttled, _violations, _writes, _duplicates, _lost, _tokens, _tokenRefused;

    public void CountRequest(string route, int status, bool inBatch)
    {
        Interlocked.Increment(ref _requests);
        if (inBatch)
        {
            Interlocked.Increment(ref _items);
        }

        _byRoute.AddOrUpdate((route, status), 1, (_, v) => v + 1);
        if (status == 429)
        {
            Interlocked.Increment(ref _throttled);
        }
    }

    public void CountEnvelope(int status)
    {
        Interlocked.Increment(ref _envelopes);
        _byRoute.AddOrUpdate(("POST $batch", status), 1, (_, v) => v + 1);
    }

    public void CountViolation() => Interlocked.Increment(ref _violations);

    public void CountWrite(string route)
    {
        _writesByRoute.AddOrUpdate(route, 1, (_, v) => v + 1);
        _writeWaiters.Counted(Interlocked.Increment(ref _writes));
    }

    /// <summary>A named event a handler reports (a QR code issued, a token activated, sessions revoked), for tests.</summary>
    public void CountEvent(string name) => _events.AddOrUpdate(name, 1, (_, v) => v + 1);

    /// <summary>Completes when <paramref name="count"/> writes have been applied since start or the last reset.</summary>
    public Task WhenWritesApplied(long count) => _writeWaiters.WhenReached(count, () => Interlocked.Read(ref _writes));

    public void CountDuplicateCreate() => Interlocked.Increment(ref _duplicates);

    public void CountFault(string name, bool lostWrite)
    {
        _faults.AddOrUpdate(name, 1, (_, v) => v + 1);
        if (lostWrite)
        {
            Interlocked.Increment(ref _lost);
        }
    }

    /// <summary>Called once per token request: refused first, then moved to issued on success.</summary>
    public void CountToken(bool issued)
    {
        if (issued)
        {
            Interlocked.Decrement(ref _tokenRefused);
            Interlocked.Increment(ref _tokens);
        }
        else
        {
            Interlocked.Increment(ref _tokenRefused);
        }
    }

    public void Reset()
    {
        _byRoute.Clear();
        _faults.Clear();
        _writesByRoute.Clear();
        _events.Clear();
        _requests = _envelopes = _items = _throttled = _violations = _writes = _duplicates = _lost = _tokens = _tokenRefused = 0;
    }

    private static Dictionary<string, long> Sorted(ConcurrentDictionary<string, long> d) =>
        d.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);

    public EmulatorStatsSnapshot Snapshot()
    {
        var routes = _byRoute
            .GroupBy(kv => kv.Key.Route)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, long>)g.OrderBy(kv => kv.Key.Status)
                    .ToDictionary(kv => kv.Key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value));
        return new EmulatorStatsSnapshot(
            Interlocked.Read(ref _requests), Interlocked.Read(ref _envelopes), Interlocked.Read(ref _items), routes,
            Interlocked.Read(ref _throttled), Interlocked.Read(ref _violations), Interlocked.Read(ref _writes),
            Interlocked.Read(ref _duplicates), Interlocked.Read(ref _lost),
            _faults.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
            Interlocked.Read(ref _tokens), Interlocked.Read(ref _tokenRefused),
            Sorted(_writesByRoute), Sorted(_events));
    }
}
