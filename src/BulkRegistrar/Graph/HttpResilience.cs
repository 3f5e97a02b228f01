using System.Net;
using BulkRegistrar.Dispatch;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BulkRegistrar.Graph;

/// <summary>
/// The HTTP-level Polly pipeline inside the Graph client (it replaces the SDK's RetryHandler).
/// It retries only what is safe to send twice as a whole: a throttled request (429 means it was not
/// run) and a read (GET) that met a server error or no answer. A <c>$batch</c> POST that met a 5xx
/// or lost its connection is not re-sent here — its writes may have run — but handed to the
/// per-operation logic, which re-reads before it retries (<see cref="GraphExecutor"/>).
/// </summary>
internal static class HttpResilience
{
    /// <param name="stop">The run is stopping (Ctrl+C, SIGTERM): a request already sent is awaited, but never sent again.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(ThrottleGate gate, TimeProvider time, double timeCompression, Serilog.ILogger log, CancellationToken stop = default) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(!stop.IsCancellationRequested && IsSafeToRetry(args.Outcome, args.Context)),
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1) / timeCompression,
                MaxDelay = TimeSpan.FromSeconds(60) / timeCompression,
                DelayGenerator = static args => ValueTask.FromResult(RetryAfter(args.Outcome.Result) is { } ra ? ThrottleGate.WithMargin(ra) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
                    {
                        gate.Close(args.RetryDelay);
                        log.Information("Throttled: the $batch request itself answered 429; sending paused for {PauseMs} ms (request-id {RequestId})",
                            (long)args.RetryDelay.TotalMilliseconds, throttled.Headers.TryGetValues("request-id", out var id) ? id.FirstOrDefault() : null);
                    }

                    return default;
                },
            })
            // Graph abandons an authentication-methods call after 60 s (docs/graph-behaviour.md §1.2).
            .AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(100) })
            // Innermost, so it sees every attempt: a retry whose delay ends after the stop is not sent.
            .AddStrategy(_ => new NotSentAfterStop(stop), new NotSentAfterStop.Options())
            .Build();

    private sealed class NotSentAfterStop(CancellationToken stop) : ResilienceStrategy<HttpResponseMessage>
    {
        private static readonly ResiliencePropertyKey<bool> Sent = new("BulkRegistrar.SentOnce");

        protected override ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
        {
            if (context.Properties.TryGetValue(Sent, out _) && stop.IsCancellationRequested)
            {
                return ValueTask.FromResult(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException("Not retried: the run is stopping.", stop)));
            }

            context.Properties.Set(Sent, true);
            return callback(context, state);
        }

        public sealed class Options : ResilienceStrategyOptions;
    }

    private static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        var isRead = context.GetRequestMessage()?.Method == HttpMethod.Get;
        return isRead && (outcome.Exception is HttpRequestException or TimeoutRejectedException
            || (int?)outcome.Result?.StatusCode is 500 or 502 or 503 or 504 or 507 or 509);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => response is null ? null
        : RetryAfterHeader.Parse(
            response.Headers.TryGetValues(RetryAfterHeader.ExactMs, out var ms) ? ms.First() : null,
            response.Headers.TryGetValues("Retry-After", out var ra) ? ra.First() : null,
            response.Headers.Date);
}
