using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// Runs one Graph operation to a final answer through a per-operation Polly pipeline: transient
/// answers (429, 5xx, no answer) are retried with Retry-After honoured and jittered exponential
/// backoff otherwise, bounded in attempts and total time. Graph never sees the same write twice
/// by accident: before a write that is not idempotent is retried after an answer that leaves its
/// fate unknown (5xx, timeout, dropped connection), <paramref name="verify"/> re-reads the tenant,
/// and if the write had landed the operation ends there.
/// </summary>
internal sealed class GraphExecutor
{
    private readonly Func<GraphCall, CancellationToken, Task<CallResult>> _send;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<CallResult> _pipeline;

    /// <param name="send">One attempt: in the pipeline, a place in the next <c>$batch</c> (<see cref="Batcher.SubmitAsync"/>).</param>
    public GraphExecutor(Func<GraphCall, CancellationToken, Task<CallResult>> send, TimeProvider time, DispatchStats stats, DispatchOptions options, double timeCompression)
    {
        (_send, _time) = (send, time);
        var builder = new ResiliencePipelineBuilder<CallResult> { TimeProvider = time }
            // A wall-clock safety net, deliberately not compressed: on the emulator it only has to be long enough.
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.MaxRetryTime });

        // Polly requires at least one retry; MaxAttempts 1 (no retries) means no retry strategy at all.
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<CallResult>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true }),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay / timeCompression,
                MaxDelay = options.MaxDelay / timeCompression,
                // Retry-After (the emulator's exact compressed value when present) wins over backoff;
                // the shared gate makes every other request wait for it too.
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } ra ? ThrottleGate.WithMargin(ra) : (TimeSpan?)null),
                OnRetry = _ =>
                {
                    stats.OnRetry();
                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <param name="call">Builds the request for an attempt (the same request each time).</param>
    /// <param name="verify">For writes that are not idempotent: re-reads the tenant and returns a success
    /// when the write is already there, a transient result when the read itself failed, or null to send.</param>
    public async Task<Executed> RunAsync(GraphCall call, Func<Task<CallResult?>>? verify = null)
    {
        var started = _time.GetTimestamp();
        var attempts = 0;
        var mayHaveRun = false;
        var verified = false;
        CallResult result;
        CallResult? last = null;
        try
        {
            result = await _pipeline.ExecuteAsync(async ct =>
            {
                // The verify read takes no token; WaitAsync keeps it inside Dispatch:MaxRetryTime all the same.
                if (mayHaveRun && verify is not null && await verify().WaitAsync(ct) is { } found)
                {
                    verified = found.IsSuccess;
                    return found;
                }

                attempts++;
                var r = await _send(call, ct).WaitAsync(ct);
                mayHaveRun |= call.IsWrite && r.MayHaveRun;
                return last = r;
            }, CancellationToken.None);
        }
        catch (RunAbortedException e) when (mayHaveRun)
        {
            // An earlier attempt of this write may have landed: "not sent" would be false.
            result = CallResult.Unknown($"The run was stopped before this write could be confirmed; an earlier attempt may have landed (run the file again: it shows Unchanged if so). {e.Message}")
                with { RequestId = last?.RequestId, ClientRequestId = last?.ClientRequestId };
        }
        catch (TimeoutRejectedException)
        {
            result = CallResult.Unknown("Gave up: the operation kept failing for longer than Dispatch:MaxRetryTime.");
        }

        return new Executed(result, attempts, _time.GetElapsedTime(started), verified, mayHaveRun);
    }
}
