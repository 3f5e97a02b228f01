namespace BulkRegistrar.Transport;

/// <summary>
/// How Graph has been answering this run's requests lately: of the last <see cref="Window"/> item answers, how many were
/// answers (any status but a transient failure: 2xx, and 4xx too) rather than a 5xx, a 429 or no answer at all. The per-item
/// retry reads it (<see cref="GraphExecutor"/>): while Graph answers a good share of requests, one request's 5xx is that
/// request's bad luck, and its retry waits the base delay rather than a doubling one — the doubling would only make a handful
/// of unlucky rows wait tens of seconds beside a service that answers the rest, while the run's rate is bounded by the pacer
/// and the adaptive concurrency anyway. Once transient failures are <see cref="FailureShare"/> of the recent answers or
/// more (an outage), every retry backs off exponentially again. Retry-After is never shortened: it always wins. Thread-safe; no clock.
/// </summary>
internal sealed class ServiceHealth
{
    /// <summary>How many recent answers are judged.</summary>
    public const int Window = 100;

    /// <summary>Transient failures below this share of the window: answering (a service failing most requests is in trouble).</summary>
    public const double FailureShare = 0.75;

    private readonly Lock _lock = new();
    private readonly bool[] _failed = new bool[Window];
    private int _next;
    private int _seen;
    private int _failures;

    /// <summary>One item's answer (or its lack).</summary>
    public void Observe(CallResult answer)
    {
        var failed = answer.IsTransient;
        lock (_lock)
        {
            if (_seen == Window)
            {
                _failures -= _failed[_next] ? 1 : 0;
            }
            else
            {
                _seen++;
            }

            _failed[_next] = failed;
            _failures += failed ? 1 : 0;
            _next = (_next + 1) % Window;
        }
    }

    /// <summary>Fewer answers than this, and Graph is not known to be answering: one unlucky start is no evidence.</summary>
    public const int MinimumSeen = 10;

    /// <summary>
    /// At least <see cref="MinimumSeen"/> answers, with transient failures below <see cref="FailureShare"/> of those seen (of the
    /// last <see cref="Window"/> once there are that many). Not a full window: the first users of a run (the write-first probe
    /// that everyone else waits for) must not back off for seconds beside a service that answers most requests.
    /// </summary>
    public bool Answering
    {
        get
        {
            lock (_lock)
            {
                return _seen >= MinimumSeen && _failures < FailureShare * _seen;
            }
        }
    }
}
