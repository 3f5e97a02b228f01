using Serilog;

namespace BulkRegistrar.Transport;

/// <summary>
/// A batch from the moment the <see cref="Batcher"/>'s loop lets it go: sent (awaited after a stop only until the
/// <see cref="InFlightDeadline"/>), a cause that stops the run raised (no connection, no token, 401/403), the answers'
/// <see cref="ThrottleSignal"/> applied to the pacer and the concurrency limit (the gate was closed where the answer
/// arrived, <see cref="GatedSend"/>), and each caller given its own result.
/// </summary>
internal sealed class BatchFlight(BatchSender sender, DispatchStats stats, BudgetPacer pacer, ConcurrencyLimit concurrency, GraphAccess access, ILogger log,
    InFlightDeadline deadline, Batcher batcher, TimeProvider time) : IDisposable
{
    public async Task SendAsync(List<Pending> batch, string clientRequestId)
    {
        var calls = batch.Select(p => p.Call).ToList();
        using var slot = concurrency.Watch(time); // a batch the service holds gives its slot back after ConcurrencyLimit.SlowAfter
        var results = await AnswersAsync(calls, clientRequestId);
        stats.OnBatch(calls, results);
        await StopOnRunFailuresAsync(calls, results);
        Apply(results, slot);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Failure is { NothingSent: true } && batcher.Aborted is not null)
            {
                batcher.Fail([batch[i]]); // never sent: reported as not sent (RunAborted), not as an answer
            }
            else
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
    }

    public void Dispose() => deadline.Dispose();

    private async Task<CallResult[]> AnswersAsync(List<GraphCall> calls, string clientRequestId)
    {
        try
        {
            // Not cancelled by the stop itself: a batch that left is allowed to come back, so its writes are
            // known — up to Dispatch:DrainTime after the stop, or until a second signal.
            return await sender.SendAsync(calls, deadline.Token, clientRequestId);
        }
        catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested)
        {
            return [.. calls.Select(_ => CallResult.Unknown("No answer: the run stopped waiting for this batch after the stop signal."))];
        }
        catch (Exception e)
        {
            return [.. calls.Select(_ => CallResult.Unknown($"{e.GetType().Name}: {e.Message}"))];
        }
    }

    /// <summary>A failure every further batch would meet stops the run: no connection or no token (nothing left), or a 401/403.</summary>
    private async Task StopOnRunFailuresAsync(List<GraphCall> calls, CallResult[] results)
    {
        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (r.Failure is { NothingSent: true } failure)
            {
                batcher.Abort(failure.ToAbort());
            }
            else if (r.IsAuthFailure)
            {
                log.Information("Graph answered {Status} {Code} (request-id {RequestId}, client-request-id {ClientRequestId})",
                    r.Status, r.Error.Code, r.RequestId, r.ClientRequestId);
                batcher.Abort(await access.RefusedAsync(r, calls[i]));
            }
        }
    }

    /// <summary>
    /// Only a 429 that names a spent budget slows the pace (once per bucket and batch); a budget 429 halves the concurrency, and
    /// a batch mostly refused as busy lowers it by one. A "service busy" 429 holds only the request that got it: its own retry waits out the Retry-After
    /// (<see cref="GraphExecutor"/>), and its user's later steps come after that retry.
    /// </summary>
    private void Apply(CallResult[] results, ConcurrencyLimit.Slot slot)
    {
        var signal = ThrottleSignal.Of(results);
        var throttled = results.Count(r => r.IsThrottled);
        if (throttled > 0 || signal.Pause is not null)
        {
            var first = results.FirstOrDefault(r => r.IsBudgetExhausted) ?? results.FirstOrDefault(r => r.IsThrottled) ?? results[0];
            log.Information("Throttled: {Count} of {Size} items answered 429 ({Scope}, {Information}); {Held} held for {PauseMs} ms "
                + "(Retry-After {RetryAfter}, request-id {RequestId})",
                throttled, results.Length, first.ThrottleScope ?? "no scope", first.ThrottleInformation ?? "no throttle information",
                signal.Pause is null ? "only the throttled requests" : signal.Budget != RequestKinds.None ? signal.Budget.ToString() : "all envelopes",
                (long)(signal.Pause ?? first.RetryAfter ?? TimeSpan.Zero).TotalMilliseconds, first.RetryAfter, first.RequestId);
        }

        pacer.Apply(signal);
        slot.Release(signal.ForConcurrency(throttled, results.Length));
    }
}
