using System.Net;
using BulkRegistrar.Audit;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BulkRegistrar.Transport;

/// <summary>
/// The envelope layer of the retry story (docs/sdk-notes.md §4.1): the HTTP-level Polly pipeline inside the
/// Graph client, in place of the SDK's RetryHandler. It re-sends, up to <see cref="TransportOptions.EnvelopeAttempts"/>,
/// only what is safe to send twice as a whole: a request Graph refused with 429 (nothing in it ran), after
/// Retry-After, and a direct GET — only the pre-flight's — that met a 5xx or no answer. A <c>$batch</c> that
/// met a 5xx, a timeout or a lost connection passes through once: it may hold writes that ran, so each of its
/// items goes to the item layer (<see cref="GraphExecutor"/>), which re-reads before it retries a write.
/// Every attempt passes <see cref="GatedSend"/>, where the shared gate is checked and the answer's throttle signal applied.
/// </summary>
internal static class HttpResilience
{
    /// <param name="options">EnvelopeAttempts, BaseDelay, MaxDelay and AttemptTimeout (the backoff is time-compressed on an emulator;
    /// the timeout is not).</param>
    /// <param name="stop">The run is stopping (Ctrl+C, SIGTERM): a request already sent is awaited, but never sent again.</param>
    /// <param name="randomizer">The backoff's jitter, a number in [0, 1); null: Polly's own.</param>
    /// <param name="retryAfters">Where the run folder keeps the latest Retry-After's end for a resume; null: not kept.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(TransportOptions options, ThrottleGate gate, TimeProvider time, double timeCompression,
        Serilog.ILogger log, CancellationToken stop = default, Func<double>? randomizer = null, RetryAfterMark? retryAfters = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        // Polly requires at least one retry; EnvelopeAttempts 1 (never re-sent whole) means no retry strategy at all.
        if (options.EnvelopeAttempts > 1)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(!stop.IsCancellationRequested && IsSafeToRetry(args.Outcome, args.Context)),
                MaxRetryAttempts = options.EnvelopeAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay / timeCompression,
                MaxDelay = options.MaxDelay / timeCompression,
                // Retry-After wins over backoff, in full (docs/sdk-notes.md §4); the gate already holds the others for it.
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result is { } r && RetryAfterHeader.Of(r, r.Headers.Date) is { } ra
                    ? ThrottleGate.WithMargin(ra) : (TimeSpan?)null),
            };
            if (randomizer is not null)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        // Per attempt (inside the retry): longer than Graph's own ~60 s limit (TransportOptions.AttemptTimeout).
        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            // Innermost, so it sees every attempt: a retry whose delay ends after the stop is not sent, none is sent
            // inside a Retry-After window that opened while it was being built, and every answer is read for throttling.
            .AddStrategy(_ => new GatedSend(stop, gate, log, time, retryAfters), new GatedSend.Options())
            .Build();
    }

    /// <summary>The request is a <c>$batch</c> envelope (a 429 to it without a budget then holds every envelope, so everything).</summary>
    public static bool IsBatch(ResilienceContext context) =>
        context.GetRequestMessage()?.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) != false;

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
}
