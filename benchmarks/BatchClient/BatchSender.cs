using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace BatchClient;

/// <summary>
/// The pattern Microsoft documents for JSON batching and for 429s (docs/graph-behaviour.md §5, §T1.4–§T1.5):
/// the SDK's <see cref="BatchRequestContentCollection"/>, 20 POSTs per <c>$batch</c>, no reads; per batch the items
/// answered 429 or 5xx are posted again as a new batch
/// (<see cref="BatchRequestContentCollection.NewBatchWithFailedRequests"/>) after the largest Retry-After among them,
/// or after an exponential backoff (1 s, 2 s, 4 s … ÷ k) when none carries one. Any other answer (a 400 "already
/// exists" after a lost response, say) is left as it is, as such a script does: the emulator counts what that costs.
/// </summary>
internal sealed class BatchSender(GraphServiceClient graph, ClientOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.InFlight);
    private long _envelopes;
    private long _retried;
    private long _givenUp;
    private long _otherwise;
    private long _exactWaits;
    private long _headerWaits;
    private long _backoffs;
    private long _pausedUntil; // Stopwatch ticks; with --pause-all no batch leaves before then

    public long Envelopes => Interlocked.Read(ref _envelopes);

    public long ItemsRetried => Interlocked.Read(ref _retried);

    public long ItemsGivenUp => Interlocked.Read(ref _givenUp);

    public long ItemsFailedOtherwise => Interlocked.Read(ref _otherwise);

    /// <summary>How each wait before a retry was chosen: a Retry-After (how many items carried the emulator's exact one), or the backoff.</summary>
    public string Waits => string.Create(CultureInfo.InvariantCulture,
        $"waits: {Interlocked.Read(ref _headerWaits)} after a Retry-After ({Interlocked.Read(ref _exactWaits)} items with "
            + $"x-emulator-retry-after-ms), {Interlocked.Read(ref _backoffs)} backoffs");

    public void Dispose() => _slots.Dispose();

    public Task SendAllAsync(IReadOnlyList<(string Upn, string Mobile)> rows) => options.Workers
        ? Parallel.ForEachAsync(rows.Chunk(ClientOptions.BatchSize), new ParallelOptions { MaxDegreeOfParallelism = options.InFlight },
            async (chunk, _) => await SendAsync(chunk))
        : Task.WhenAll(rows.Chunk(ClientOptions.BatchSize).Select(SendAsync));

    private async Task SendAsync((string Upn, string Mobile)[] chunk)
    {
        BatchRequestContentCollection? batch = null;
        var serverErrors = 0;
        for (var attempt = 1; ; attempt++)
        {
            Dictionary<string, HttpStatusCode> failed;
            TimeSpan? wait;
            await _slots.WaitAsync();
            try
            {
                // Built once it may leave, so the first batches go out while the rest are still to be made.
                batch ??= await BuildAsync(chunk);
                await WaitOutPauseAsync();
                (failed, wait) = await PostOnceAsync(batch);
            }
            finally
            {
                _slots.Release();
            }

            if (failed.Count == 0)
            {
                return;
            }

            serverErrors += failed.Values.Any(code => code != HttpStatusCode.TooManyRequests) ? 1 : 0;
            if (serverErrors >= options.Attempts || attempt >= ClientOptions.ThrottledAttempts)
            {
                Interlocked.Add(ref _givenUp, failed.Count);
                return;
            }

            if (options.PauseAll && wait is { } pause && failed.ContainsValue(HttpStatusCode.TooManyRequests))
            {
                var until = Stopwatch.GetTimestamp() + (long)(pause.TotalSeconds * Stopwatch.Frequency);
                for (var seen = Interlocked.Read(ref _pausedUntil); until > seen; seen = Interlocked.Read(ref _pausedUntil))
                {
                    if (Interlocked.CompareExchange(ref _pausedUntil, until, seen) == seen)
                    {
                        break;
                    }
                }
            }

            Interlocked.Add(ref _retried, failed.Count);
            Interlocked.Increment(ref wait is null ? ref _backoffs : ref _headerWaits);
            await Task.Delay(wait ?? TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt - 1, 6)) / options.K));
            batch = batch.NewBatchWithFailedRequests(failed);
        }
    }

    private async Task WaitOutPauseAsync()
    {
        for (var left = Interlocked.Read(ref _pausedUntil) - Stopwatch.GetTimestamp(); left > 0;
            left = Interlocked.Read(ref _pausedUntil) - Stopwatch.GetTimestamp())
        {
            await Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
        }
    }

    private async Task<BatchRequestContentCollection> BuildAsync((string Upn, string Mobile)[] chunk)
    {
        var batch = new BatchRequestContentCollection(graph);
        foreach (var row in chunk)
        {
            await batch.AddBatchRequestStepAsync(graph.Users[row.Upn].Authentication.PhoneMethods.ToPostRequestInformation(
                new PhoneAuthenticationMethod { PhoneNumber = row.Mobile, PhoneType = AuthenticationPhoneType.Mobile }));
        }

        return batch;
    }

    /// <returns>The items to send again (429 or 5xx) and the longest Retry-After among them, if any said one.</returns>
    private async Task<(Dictionary<string, HttpStatusCode> Failed, TimeSpan? Wait)> PostOnceAsync(BatchRequestContentCollection batch)
    {
        var failed = new Dictionary<string, HttpStatusCode>(StringComparer.Ordinal);
        TimeSpan? longest = null;
        BatchResponseContentCollection response;
        try
        {
            Interlocked.Increment(ref _envelopes);
            response = await graph.Batch.PostAsync(batch);
        }
        catch (Exception e) when (e is ServiceException or HttpRequestException or TaskCanceledException or Microsoft.Kiota.Abstractions.ApiException)
        {
            // The whole envelope failed, after the SDK's own retries of it: every item again.
            foreach (var id in batch.BatchRequestSteps.Keys)
            {
                failed[id] = HttpStatusCode.ServiceUnavailable;
            }

            return (failed, null);
        }

        foreach (var (id, code) in await response.GetResponsesStatusCodesAsync())
        {
            if ((int)code is not (429 or >= 500))
            {
                Interlocked.Add(ref _otherwise, (int)code >= 400 ? 1 : 0);
                continue;
            }

            failed[id] = code;
            using var item = await response.GetResponseByIdAsync(id);
            if (RetryAfter(item) is { } delta && (longest is null || delta > longest))
            {
                longest = delta;
            }
        }

        return (failed, longest);
    }

    /// <summary>The emulator's exact wait when it gives one (time compression), else the standard Retry-After.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? item)
    {
        if (item is null)
        {
            return null;
        }

        if (item.Headers.TryGetValues("x-emulator-retry-after-ms", out var exact)
            && double.TryParse(exact.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            Interlocked.Increment(ref _exactWaits);
            return TimeSpan.FromMilliseconds(ms);
        }

        return item.Headers.RetryAfter?.Delta;
    }
}
