namespace BulkRegistrar.Transport;

/// <summary>
/// How Graph has been answering this run's requests lately: of the last <see cref="Window"/> requests, how many were answered
/// (any status but a transient failure: 2xx, and 4xx too) rather than met with a 5xx, a 429 or no answer at all. A <c>$batch</c> is
/// one request here: its items (they share its <c>client-request-id</c>) fill one place, which counts the share of them that failed.
/// Items of one envelope fail together when the envelope's gateway fails (the emulator's chaos profile fails every item of a failed
/// batch), so counted one by one, five unlucky envelopes of twenty looked like an outage to a window of 100 items. The per-item
/// retry reads it (<see cref="GraphExecutor"/>): while Graph answers a good share of requests, one request's 5xx is that request's
/// bad luck, and its retry waits the base delay rather than a doubling one — the doubling would only make a handful of unlucky rows
/// wait tens of seconds beside a service that answers the rest, while the run's rate is bounded by the pacer and the adaptive
/// concurrency anyway. Once transient failures are <see cref="FailureShare"/> of the recent requests or more (an outage), every
/// retry backs off exponentially again. Retry-After is never shortened: it always wins. Thread-safe; no clock.
/// </summary>
internal sealed class ServiceHealth
{
    /// <summary>How many recent requests are judged.</summary>
    public const int Window = 100;

    /// <summary>Transient failures below this share of the window: answering (a service failing most requests is in trouble).</summary>
    public const double FailureShare = 0.75;

    /// <summary>Fewer requests than this, and Graph is not known to be answering: one unlucky start is no evidence.</summary>
    public const int MinimumSeen = 10;

    private readonly Lock _lock = new();
    private readonly Place[] _places = new Place[Window];
    private readonly Dictionary<string, int> _placeOf = new(StringComparer.Ordinal);
    private int _next;
    private int _seen;

    /// <summary>One item's answer (or its lack); items that travelled in the same <c>$batch</c> share a place.</summary>
    public void Observe(CallResult answer)
    {
        var failed = answer.IsTransient ? 1 : 0;
        var key = answer.ClientRequestId;
        lock (_lock)
        {
            if (key is not null && _placeOf.TryGetValue(key, out var at))
            {
                _places[at] = _places[at] with { Items = _places[at].Items + 1, Failed = _places[at].Failed + failed };
                return;
            }

            if (_seen == Window)
            {
                if (_places[_next].Key is { } old)
                {
                    _placeOf.Remove(old);
                }
            }
            else
            {
                _seen++;
            }

            _places[_next] = new Place(key, 1, failed);
            if (key is not null)
            {
                _placeOf[key] = _next;
            }

            _next = (_next + 1) % Window;
        }
    }

    /// <summary>
    /// At least <see cref="MinimumSeen"/> requests, with transient failures below <see cref="FailureShare"/> of those seen (of the
    /// last <see cref="Window"/> once there are that many). Not a full window: the first users of a run (the write-first probe
    /// that everyone else waits for) must not back off for seconds beside a service that answers most requests.
    /// </summary>
    public bool Answering
    {
        get
        {
            lock (_lock)
            {
                var failures = 0.0;
                for (var i = 0; i < _seen; i++)
                {
                    failures += (double)_places[i].Failed / _places[i].Items;
                }

                return _seen >= MinimumSeen && failures < FailureShare * _seen;
            }
        }
    }

    /// <summary>One request: its <c>client-request-id</c> (null: counted alone), how many items answered in it, how many of them failed.</summary>
    private readonly record struct Place(string? Key, int Items, int Failed);
}
