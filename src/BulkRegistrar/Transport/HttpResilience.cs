using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BulkRegistrar.Transport;

/// <summary>
/// The envelope layer of the retry story (docs/sdk-notes.md §4.1): the HTTP-level Polly pipeline inside the
/// Graph client, in place of the SDK's RetryHandler. It re-sends, up to <see cref="DispatchOptions.EnvelopeAttempts"/>,
/// only what is safe to send twice as a whole: a request Graph refused with 429 (nothing in it ran), after
/// Retry-After, and a direct GET — only the pre-flight's — that met a 5xx or no answer. A <c>$batch</c> that
/// met a 5xx, a timeout or a lost connection passes through once: it may hold writes that ran, so each of its
/// items goes to the item layer (<see cref="GraphExecutor"/>), which re-reads before it retries a write.
/// </summary>
internal static class HttpResilience
{
    /// <param name="options">EnvelopeAttempts, BaseDelay, MaxDelay and AttemptTimeout (the backoff is time-compressed on an emulator; the timeout is not).</param>
    /// <param name="stop">The run is stopping (Ctrl+C, SIGTERM): a request already sent is awaited, but never sent again.</param>
    /// <param name="randomizer">The backoff's jitter, a number in [0, 1); null: Polly's own.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(TransportOptions options, ThrottleGate gate, TimeProvider time, double timeCompression,
        Serilog.ILogger log, CancellationToken stop = default, Func<double>? randomizer = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        // Polly requires at least one retry; EnvelopeAttempts 1 (never re-sent whole) means no retry strategy at all.
        if (options.EnvelopeAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Randomizer = randomizer ?? new RetryStrategyOptions<HttpResponseMessage>().Randomizer,
                ShouldHandle = args => ValueTask.FromResult(!stop.IsCancellationRequested && IsSafeToRetry(args.Outcome, args.Context)),
                MaxRetryAttempts = options.EnvelopeAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay / timeCompression,
                MaxDelay = options.MaxDelay / timeCompression,
                DelayGenerator = static args => ValueTask.FromResult(RetryAfter(args.Outcome.Result) is { } ra ? ThrottleGate.WithMargin(ra) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled
                        && Holds(throttled, args.Context) is var kinds && kinds != RequestKinds.None)
                    {
                        gate.Close(kinds, args.RetryDelay);
                        log.Information("Throttled: the {Request} request itself answered 429; {Kinds} held for {PauseMs} ms (request-id {RequestId})",
                            IsBatch(args.Context) ? "$batch" : "direct", kinds, (long)args.RetryDelay.TotalMilliseconds, Header(throttled, "request-id"));
                    }

                    return default;
                },
            });
        }

        // Per attempt (inside the retry): longer than Graph's own ~60 s limit (DispatchOptions.AttemptTimeout).
        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            // Innermost, so it sees every attempt: a retry whose delay ends after the stop is not sent, and
            // none is sent inside a Retry-After window that opened while it was being built.
            .AddStrategy(_ => new NotSentAfterStop(stop, gate), new NotSentAfterStop.Options())
            .Build();
    }

    private sealed class NotSentAfterStop(CancellationToken stop, ThrottleGate gate) : ResilienceStrategy<HttpResponseMessage>
    {
        private static readonly ResiliencePropertyKey<bool> Sent = new("BulkRegistrar.SentOnce");

        protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
        {
            if (context.Properties.TryGetValue(Sent, out _) && stop.IsCancellationRequested)
            {
                return Outcome.FromException<HttpResponseMessage>(new OperationCanceledException("Not retried: the run is stopping.", stop));
            }

            if (context.GetRequestMessage()?.Options.TryGetValue(HeldKindsOption.Key, out var option) == true && option is HeldKindsOption held)
            {
                try
                {
                    await gate.WaitAsync(held.Kinds, context.CancellationToken);
                }
                catch (OperationCanceledException e)
                {
                    return Outcome.FromException<HttpResponseMessage>(e);
                }
            }

            context.Properties.Set(Sent, true);
            var outcome = await callback(context, state);
            if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } refused
                && RetryAfter(refused) is { } retryAfter && Holds(refused, context) is var kinds && kinds != RequestKinds.None)
            {
                // Closed the moment the answer's headers arrive, before the body is read and the batch judged:
                // every batch built meanwhile would otherwise leave inside the window.
                gate.Close(kinds, ThrottleGate.WithMargin(retryAfter));
            }
            else if (outcome.Result is { IsSuccessStatusCode: true, Content: { } content } && IsBatch(context))
            {
                // Budget 429s inside a 200 envelope: the batcher learns of them only after the SDK has read every
                // item, by when other batches may have left inside the window. A cheap look now closes it first.
                await content.LoadIntoBufferAsync();
                if (BudgetItem(await content.ReadAsStringAsync()) is { } budget)
                {
                    gate.Close(budget.Kinds, ThrottleGate.WithMargin(budget.RetryAfter));
                }
            }

            return outcome;
        }

        public sealed class Options : ResilienceStrategyOptions;
    }

    /// <summary>
    /// Whom a 429 to a whole request holds: a named budget holds its kind of request for everyone; a
    /// <c>$batch</c> envelope refused without one holds every envelope (so everything, as every request
    /// travels in one); a direct request refused without one holds only itself (this retry waits).
    /// </summary>
    private static RequestKinds Holds(HttpResponseMessage throttled, ResilienceContext context) =>
        ThrottleGate.BudgetKinds(Header(throttled, "x-ms-throttle-scope"), Header(throttled, "x-ms-throttle-information")) is var kinds && kinds != RequestKinds.None
            ? kinds
            : IsBatch(context) ? RequestKinds.All : RequestKinds.None;

    /// <summary>The longest Retry-After among the envelope's budget 429 items, with the kinds they hold; null when none.</summary>
    private static (RequestKinds Kinds, TimeSpan RetryAfter)? BudgetItem(string body)
    {
        if (!body.Contains("x-ms-throttle-", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("responses", out var items) || items.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return null;
            }

            var kinds = RequestKinds.None;
            var longest = TimeSpan.Zero;
            foreach (var item in items.EnumerateArray())
            {
                if (item.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.Number && status.GetInt32() == 429
                    && item.TryGetProperty("headers", out var headers) && headers.ValueKind == System.Text.Json.JsonValueKind.Object
                    && ThrottleGate.BudgetKinds(Str(headers, "x-ms-throttle-scope"), Str(headers, "x-ms-throttle-information")) is var k && k != RequestKinds.None
                    && RetryAfterHeader.Parse(Str(headers, RetryAfterHeader.ExactMs), Str(headers, "Retry-After")) is { } ra)
                {
                    kinds |= k;
                    longest = ra > longest ? ra : longest;
                }
            }

            return kinds == RequestKinds.None ? null : (kinds, longest);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // the batch sender reports a malformed envelope
        }
    }

    private static string? Str(System.Text.Json.JsonElement obj, string name)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString() : p.Value.ToString();
            }
        }

        return null;
    }

    private static bool IsBatch(ResilienceContext context) =>
        context.GetRequestMessage()?.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) != false;

    private static string? Header(HttpResponseMessage m, string name) => m.Headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null;

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
