using BulkRegistrar.Validation;
using Polly;
using Polly.Retry;

namespace BulkRegistrar.Transport;

/// <summary>
/// The item layer of the retry story (docs/sdk-notes.md §4.1; the envelope layer is
/// <see cref="HttpResilience"/>). Runs one Graph operation to a final answer through a
/// per-operation Polly pipeline: transient answers (429, 5xx, no answer) are retried with Retry-After
/// honoured and jittered exponential backoff otherwise, bounded in attempts (<c>Dispatch:MaxAttempts</c>)
/// and total time (<c>Dispatch:MaxRetryTime</c>). Graph never sees the same write twice
/// by accident: before a write that is not idempotent is retried after an answer that leaves its
/// fate unknown (5xx, timeout, dropped connection), <c>verify</c> re-reads the tenant — not before
/// <c>Dispatch:ReadAfterWriteLag</c> has passed since that answer, since a sooner read may not show a write that landed —
/// and if the tenant already holds what it wants the operation ends there. After the run is told
/// to stop (<c>stop</c>: Ctrl+C, SIGTERM) nothing new is sent and no retry waits; an attempt already
/// sent is still awaited (the <see cref="Batcher"/> bounds that wait), and a write whose answer never
/// came ends as <see cref="Ending.MayHaveLanded"/>, never as "not sent".
/// </summary>
internal sealed class GraphExecutor
{
    private readonly Func<GraphCall, CancellationToken, Task<CallResult>> _send;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<CallResult> _pipeline;
    private readonly TimeSpan _maxRetryTime;
    private readonly TimeSpan _readLag;
    private readonly CancellationToken _stop;
    private readonly ServiceHealth _health;

    public const string CancelledWhy = "the run was cancelled (Ctrl+C or SIGTERM)";

    /// <param name="send">One attempt: in the pipeline, a place in the next <c>$batch</c> (<see cref="Batcher.SubmitAsync"/>).</param>
    /// <param name="stop">The run is stopping: send nothing new, cut retry waits short.</param>
    /// <param name="randomizer">The backoff's jitter, a number in [0, 1); null: Polly's own.</param>
    /// <param name="health">How Graph has been answering (it decides whether the backoff doubles); null: this executor's own, from its answers.</param>
    public GraphExecutor(Func<GraphCall, CancellationToken, Task<CallResult>> send, TimeProvider time, DispatchStats stats, TransportOptions options,
        double timeCompression, CancellationToken stop = default, Func<double>? randomizer = null, ServiceHealth? health = null)
    {
        (_send, _time, _stop) = (send, time, stop);
        _health = health ?? new ServiceHealth();
        // Dispatch:MaxRetryTime is a wall-clock safety net, deliberately not compressed. It is our own timer
        // rather than Polly's timeout strategy because the two reasons to stop waiting must stay apart: a
        // stop cancels retry delays at once but still lets an attempt already sent come back.
        _maxRetryTime = options.MaxRetryTime;
        _readLag = options.ReadAfterWriteLag / timeCompression;
        var builder = new ResiliencePipelineBuilder<CallResult> { TimeProvider = time };

        // Polly requires at least one retry; MaxAttempts 1 (no retries) means no retry strategy at all.
        if (options.MaxAttempts > 1)
        {
            var retry = new RetryStrategyOptions<CallResult>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true }),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay / timeCompression,
                MaxDelay = options.MaxDelay / timeCompression,
                // Retry-After (the emulator's exact compressed value when present) wins over backoff; the shared gate makes every
                // other request wait for it too. Without one, the backoff doubles only while Graph fails most requests (ServiceHealth):
                // otherwise a retry waits the base delay. The pacer and the adaptive concurrency bound the run's rate either way.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } ra ? ThrottleGate.WithMargin(ra)
                    : _health.Answering ? options.BaseDelay / timeCompression : (TimeSpan?)null),
                OnRetry = _ =>
                {
                    stats.OnRetry();
                    return default;
                },
            };
            if (randomizer is not null)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        _pipeline = builder.Build();
    }

    /// <param name="call">Builds the request for an attempt (the same request each time).</param>
    /// <param name="verify">For writes that are not idempotent: re-reads the tenant and returns a success
    /// when the write is already there, a transient result when the read itself failed, or null to send.</param>
    public async Task<ExecutedCall> RunAsync(GraphCall call, Func<Task<CallResult?>>? verify = null)
    {
        var started = _time.GetTimestamp();
        var attempts = 0;
        var mayHaveRun = false;
        var unsettled = false; // an attempt may have run and no re-read since has shown the write absent
        var verified = false;
        var abandoned = false;
        var openSince = 0L; // when the last answer that left the write's fate open came
        CallResult? last = null;
        CallResult result;
        using var giveUp = new CancellationTokenSource(_maxRetryTime, _time);
        using var stopOrGiveUp = CancellationTokenSource.CreateLinkedTokenSource(giveUp.Token, _stop);
        ExecutedCall Done(CallResult r, Ending? ended = null) =>
            new(r, attempts, _time.GetElapsedTime(started), verified, mayHaveRun, ended);
        try
        {
            result = await _pipeline.ExecuteAsync(async token =>
            {
                // The verify read takes no token; WaitAsync keeps it inside Dispatch:MaxRetryTime all the same. Once a re-read has
                // shown the write absent, an attempt that was not run (a 429) leaves nothing new to look for: no second re-read.
                if (unsettled && verify is not null)
                {
                    // Not before the read-after-write lag has passed since the answer: a sooner read may miss a write that landed.
                    if (_readLag - _time.GetElapsedTime(openSince) is { Ticks: > 0 } early)
                    {
                        await Task.Delay(early, _time, token);
                    }

                    if (await verify().WaitAsync(giveUp.Token) is { } found)
                    {
                        verified = found.IsSuccess;
                        return found;
                    }

                    unsettled = false;
                }

                // Polly checks the stop before each attempt; the batcher refuses new calls once stopping, too.
                var pending = _send(call, giveUp.Token);
                attempts++;
                CallResult r;
                try
                {
                    // Not cancelled by the stop: an attempt that left is awaited (the batcher bounds it).
                    r = await pending.WaitAsync(giveUp.Token);
                }
                catch (OperationCanceledException) when (!pending.IsCompleted)
                {
                    abandoned = true; // it may be in flight: its fate is unknown
                    throw;
                }

                unsettled |= call.IsWrite && r.MayHaveRun;
                openSince = call.IsWrite && r.MayHaveRun ? _time.GetTimestamp() : openSince;
                mayHaveRun |= call.IsWrite && r.MayHaveRun;
                _health.Observe(r);
                return last = r;
            }, stopOrGiveUp.Token);
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            result = CallResult.Unknown("Gave up: the operation kept failing for longer than Dispatch:MaxRetryTime.");
            return Done(result, MayHaveLanded() ? new Ending(true, ErrorCodes.GraphError, "Dispatch:MaxRetryTime ran out") : null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return Stopped(new Ending(MayHaveLanded(), ErrorCodes.Cancelled, CancelledWhy)) ?? throw new OperationCanceledException(_stop);
        }
        catch (RunAbortedException e)
        {
            if (Stopped(new Ending(MayHaveLanded(), ErrorCodes.RunAborted, "the run was stopped", e.Message)) is not { } stopped)
            {
                throw;
            }

            return stopped;
        }

        // Out of attempts while the last answer leaves a write's fate open (5xx, no answer): it may have landed.
        return Done(result, call.IsWrite && mayHaveRun && result.IsTransient && !verified
            ? new Ending(true, ErrorCodes.GraphError, $"its {attempts} attempt(s) ran out")
            : null);

        bool MayHaveLanded() => call.IsWrite && (abandoned || mayHaveRun);

        // A write that left, or was answered 429, is reported here; anything else never left: the caller says "not sent".
        ExecutedCall? Stopped(Ending ending) =>
            ending.MayHaveLanded ? Done(Unanswered(ending), ending)
            : call.IsWrite && last is not null ? Done(last, ending)
            : null;

        CallResult Unanswered(Ending ending) =>
            CallResult.Unknown($"No answer before {ending.Why}.") with { RequestId = last?.RequestId, ClientRequestId = last?.ClientRequestId };
    }
}
