using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;

/// <summary>What the <see cref="GraphExecutor"/> tests share: a scripted sender on an observed fake clock, and the delays let pass.</summary>
public abstract class GraphExecutorScript
{
    private protected static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private protected static readonly GraphCall Write = new(new RequestInformation { HttpMethod = Method.POST, URI = new Uri("https://x/v1.0/users/1") }, true);
    private protected static readonly GraphCall Read = new(new RequestInformation { HttpMethod = Method.GET, URI = new Uri("https://x/v1.0/users/1") }, false);

    private protected readonly ObservedClock _clock = new();
    private protected readonly DispatchStats _stats = new();
    private protected readonly List<TimeSpan> _sentAt = [];
    private protected readonly List<TimeSpan> _retryDelays = [];
    private protected readonly DateTimeOffset _start;
    private protected Queue<CallResult> _answers = new();

    private protected readonly DispatchOptions _options = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(4),
        MaxRetryTime = TimeSpan.FromHours(1),
    };

    private protected GraphExecutorScript() => _start = _clock.GetUtcNow();

    private protected static CallResult Answer(int status, double? retryAfterSeconds = null, string? requestId = null) =>
        new(status, status >= 400 ? """{"error":{"code":"x","message":"y"}}""" : "{}", requestId,
            retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, null);

    private protected GraphExecutor Executor(double timeCompression = 1, ServiceHealth? health = null) =>
        new(Send, _clock, _stats, _options, timeCompression, randomizer: Backoff.Randomizer, health: health);

    /// <summary>Answers with the scripted results in order; the last one repeats.</summary>
    private protected Task<CallResult> Send(GraphCall call, CancellationToken ct)
    {
        lock (_sentAt)
        {
            _sentAt.Add(_clock.GetUtcNow() - _start);
            return Task.FromResult(_answers.Count > 1 ? _answers.Dequeue() : _answers.Peek());
        }
    }

    private protected void Script(params CallResult[] answers) => _answers = new Queue<CallResult>(answers);

    private protected int SentCount
    {
        get
        {
            lock (_sentAt)
            {
                return _sentAt.Count;
            }
        }
    }

    /// <summary>The next delay the pipeline asks for, skipping the MaxRetryTime timer it starts per operation.</summary>
    private protected async Task<TimeSpan> NextRetryDelay()
    {
        while (true)
        {
            var due = await _clock.NextTimerAsync();
            if (due != _options.MaxRetryTime)
            {
                return due;
            }
        }
    }

    /// <summary>Lets every retry delay pass, exactly, until the operation ends.</summary>
    private protected async Task<ExecutedCall> Finish(Task<ExecutedCall> run)
    {
        while (true)
        {
            var delay = NextRetryDelay();
            if (await Task.WhenAny(run, delay).WaitAsync(Guard) == run)
            {
                return await run;
            }

            _retryDelays.Add(await delay);
            _clock.Advance(await delay);
        }
    }
}
