using Polly;
using RetryAfterMark = BulkRegistrar.Audit.RetryAfterMark;

namespace BulkRegistrar.Transport;

/// <summary>
/// The innermost strategy of the envelope layer (<see cref="HttpResilience"/>), around every attempt: after the stop
/// (Ctrl+C, SIGTERM) nothing is sent again; a <c>$batch</c> waits for the gate once more just before its bytes leave;
/// and each answer's <see cref="ThrottleSignal"/> closes the gate the moment the answer arrives, before the batch is
/// judged — every batch built meanwhile would otherwise leave inside the window. A 200 <c>$batch</c> is read here, once
/// (<see cref="BatchReader"/>): its budget 429 items hold their kinds now, and its results go back on its <see cref="BatchOption"/>.
/// The longest Retry-After of each answer (envelope, direct request or any item) goes to the run folder's
/// <see cref="RetryAfterMark"/>, when the run keeps one, for a resume after a kill.
/// </summary>
internal sealed class GatedSend(CancellationToken stop, ThrottleGate gate, Serilog.ILogger log, RetryAfterMark? retryAfters = null)
    : ResilienceStrategy<HttpResponseMessage>
{
    private static readonly ResiliencePropertyKey<bool> Sent = new("BulkRegistrar.SentOnce");

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        if (context.Properties.TryGetValue(Sent, out _) && stop.IsCancellationRequested)
        {
            return Outcome.FromException<HttpResponseMessage>(new OperationCanceledException("Not retried: the run is stopping.", stop));
        }

        var batch = BatchOption.Of(context.GetRequestMessage());
        if (batch is not null)
        {
            try
            {
                await gate.WaitAsync(batch.Kinds, context.CancellationToken);
            }
            catch (OperationCanceledException e)
            {
                return Outcome.FromException<HttpResponseMessage>(e);
            }
        }

        context.Properties.Set(Sent, true);
        var outcome = await callback(context, state);
        if (outcome.Result is { } answer)
        {
            var isBatch = HttpResilience.IsBatch(context);
            Hold(await ReadAsync(answer, batch, isBatch), answer, isBatch);
            if (retryAfters is not null && LongestRetryAfter(answer, batch) is { } longest)
            {
                retryAfters.Note(ThrottleGate.WithMargin(longest));
            }
        }

        return outcome;
    }

    /// <summary>The answer's signal: a refused envelope's (or a direct request's) from its headers, a 200 <c>$batch</c>'s from its items.</summary>
    private static async Task<ThrottleSignal> ReadAsync(HttpResponseMessage answer, BatchOption? batch, bool isBatch)
    {
        if (!answer.IsSuccessStatusCode || !isBatch)
        {
            return ThrottleSignal.Of(answer, isBatch);
        }

        if (batch is null || answer.Content is not { } content)
        {
            return ThrottleSignal.None; // not one of ours: no steps to read it against
        }

        await content.LoadIntoBufferAsync();
        batch.Answer = BatchReader.ReadAsync(answer, batch.Steps);
        try
        {
            return ThrottleSignal.Of(await batch.Answer);
        }
        catch (Exception)
        {
            return ThrottleSignal.None; // the sender awaits the same task and meets this exception there, where a malformed answer is reported
        }
    }

    /// <summary>The longest wait an answer asks for: its own Retry-After, or (a 200 <c>$batch</c> read above) its items' longest.</summary>
    private static TimeSpan? LongestRetryAfter(HttpResponseMessage answer, BatchOption? batch)
    {
        var own = RetryAfterHeader.Of(answer, answer.Headers.Date);
        if (batch?.Answer is not { IsCompletedSuccessfully: true } read)
        {
            return own;
        }

        var items = read.Result.Max(r => r.RetryAfter);
        return own is null || (items is not null && items > own) ? items : own;
    }

    private void Hold(ThrottleSignal signal, HttpResponseMessage answer, bool isBatch)
    {
        gate.Hold(signal);
        if (answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests && signal.Pause is { } pause)
        {
            log.Information("Throttled: the {Request} request itself answered 429; {Kinds} held for {PauseMs} ms (request-id {RequestId})",
                isBatch ? "$batch" : "direct", signal.Holds, (long)pause.TotalMilliseconds, ResponseHeaders.Get(answer, "request-id"));
        }
    }

    public sealed class Options : ResilienceStrategyOptions;
}
