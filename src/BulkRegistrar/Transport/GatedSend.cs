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
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its "
    + "AvailableWaitHandle was used, which it never is; the strategy lives as long as its pipeline.")]
internal sealed class GatedSend(CancellationToken stop, ThrottleGate gate, Serilog.ILogger log, TimeProvider time, RetryAfterMark? retryAfters = null)
    : ResilienceStrategy<HttpResponseMessage>
{
    private static readonly ResiliencePropertyKey<bool> Sent = new("BulkRegistrar.SentOnce");

    /// <summary>
    /// Direct (not <c>$batch</c>) requests are the tenant-level reads (the pre-flight's policy, organization and grant reads), sent side
    /// by side. Graph may keep one Retry-After window for all of them, and a request inside it is an early retry that lengthens it
    /// (the emulator takes that hard case), so a 429 or a Retry-After on one holds the others' next attempts too, and from then on (and
    /// for every retry) direct requests go one at a time, so none is already on its way when another's 429 opens a window.
    /// </summary>
    private readonly ThrottleGate _direct = new(time);
    private readonly SemaphoreSlim _oneDirect = new(1, 1);
    private volatile bool _directHeld;

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        var retry = context.Properties.TryGetValue(Sent, out _);
        if (retry && stop.IsCancellationRequested)
        {
            return Outcome.FromException<HttpResponseMessage>(new OperationCanceledException("Not retried: the run is stopping.", stop));
        }

        var batch = BatchOption.Of(context.GetRequestMessage());
        var isBatch = HttpResilience.IsBatch(context);
        // A direct retry, or any direct request once one was held, goes alone: one sent beside it could arrive just after its 429.
        var alone = !isBatch && (retry || _directHeld);
        try
        {
            if (alone)
            {
                await _oneDirect.WaitAsync(context.CancellationToken);
            }
        }
        catch (OperationCanceledException e)
        {
            return Outcome.FromException<HttpResponseMessage>(e);
        }

        try
        {
            return await SendAsync(callback, context, state, batch, isBatch);
        }
        finally
        {
            if (alone)
            {
                _oneDirect.Release();
            }
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> SendAsync<TState>(Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context, TState state, BatchOption? batch, bool isBatch)
    {
        try
        {
            if (batch is not null)
            {
                await gate.WaitAsync(batch.Kinds, context.CancellationToken);
            }
            else if (!isBatch)
            {
                await _direct.WaitAsync(context.CancellationToken);
            }
        }
        catch (OperationCanceledException e)
        {
            return Outcome.FromException<HttpResponseMessage>(e);
        }

        context.Properties.Set(Sent, true);
        var outcome = await callback(context, state);
        if (outcome.Result is { } answer)
        {
            Hold(await ReadAsync(answer, batch, isBatch), answer, isBatch);
            var longest = LongestRetryAfter(answer, batch);
            if (!isBatch && (longest is not null || answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests))
            {
                _directHeld = true;
                _direct.Close(ThrottleGate.WithMargin(longest ?? ThrottleSignal.WithoutRetryAfter));
            }

            if (retryAfters is not null && longest is not null)
            {
                retryAfters.Note(ThrottleGate.WithMargin(longest.Value));
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
