using Azure.Core.Pipeline;
using Azure.Identity;
using GraphEmulator;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// The client a competent developer writes from Microsoft's JSON-batching and throttling docs
/// (learn.microsoft.com/graph/json-batching, /graph/throttling; docs/graph-behaviour.md §5, §T1.4–§T1.5):
/// the SDK's <see cref="BatchRequestContentCollection"/>, 20 POSTs per <c>$batch</c>, 4 batches in flight,
/// no reads (it posts every row's mobile blind), the SDK's default handlers (its RetryHandler retries a
/// throttled envelope), and items that failed with 429 or 5xx retried in rounds after the largest
/// Retry-After any of them carried, 5 attempts in all. Any other failure (a 400 "already exists" after a
/// lost response, say) is logged and left, as such a script does.
/// </summary>
internal static class CompetentBatchClient
{
    private const int BatchSize = 20;
    private const int InFlight = 4;
    private const int Attempts = 5;

    public static async Task RunAsync(RunningEmulator emulator, IReadOnlyList<(string Upn, string Mobile)> rows)
    {
        var credential = new ClientSecretCredential(emulator.TenantId, emulator.ClientId, emulator.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        });
        var auth = new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, [emulator.BaseUrl.Host], null, true, "https://graph.microsoft.com/.default");
        var graph = new GraphServiceClient(GraphClientFactory.Create(finalHandler: emulator.CreateHttpHandler()), auth, emulator.GraphBaseUrl);

        var pending = rows.ToList();
        for (var attempt = 1; attempt <= Attempts && pending.Count > 0; attempt++)
        {
            var failed = new List<(string Upn, string Mobile)>();
            var longestRetryAfter = TimeSpan.Zero;
            using var slots = new SemaphoreSlim(InFlight);
            var batches = pending.Chunk(BatchSize).Select(async chunk =>
            {
                await slots.WaitAsync();
                try
                {
                    var (retry, retryAfter) = await SendAsync(graph, chunk);
                    lock (failed)
                    {
                        failed.AddRange(retry);
                        longestRetryAfter = retryAfter > longestRetryAfter ? retryAfter : longestRetryAfter;
                    }
                }
                finally
                {
                    slots.Release();
                }
            });
            await Task.WhenAll(batches);
            pending = failed;
            if (pending.Count > 0 && attempt < Attempts)
            {
                // The docs: wait the Retry-After, else back off exponentially.
                await Task.Delay(longestRetryAfter > TimeSpan.Zero ? longestRetryAfter : TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)));
            }
        }
    }

    /// <returns>The rows worth another attempt and the largest Retry-After among them.</returns>
    private static async Task<(List<(string Upn, string Mobile)> Retry, TimeSpan RetryAfter)> SendAsync(GraphServiceClient graph, (string Upn, string Mobile)[] chunk)
    {
        var retry = new List<(string Upn, string Mobile)>();
        var longest = TimeSpan.Zero;
        try
        {
            var batch = new BatchRequestContentCollection(graph);
            var ids = new Dictionary<string, (string Upn, string Mobile)>();
            foreach (var row in chunk)
            {
                var request = graph.Users[row.Upn].Authentication.PhoneMethods.ToPostRequestInformation(
                    new PhoneAuthenticationMethod { PhoneNumber = row.Mobile, PhoneType = AuthenticationPhoneType.Mobile });
                ids[await batch.AddBatchRequestStepAsync(request)] = row;
            }

            var response = await graph.Batch.PostAsync(batch);
            var codes = await response.GetResponsesStatusCodesAsync();
            foreach (var (id, row) in ids)
            {
                if (!codes.TryGetValue(id, out var code))
                {
                    retry.Add(row);
                    continue;
                }

                if ((int)code is 429 or >= 500)
                {
                    retry.Add(row);
                    using var item = await response.GetResponseByIdAsync(id);
                    if (item?.Headers.RetryAfter?.Delta is { } delta && delta > longest)
                    {
                        longest = delta;
                    }
                }
            }
        }
        catch (Exception e) when (e is ServiceException or HttpRequestException or TaskCanceledException or Microsoft.Kiota.Abstractions.ApiException)
        {
            // The whole batch failed (after the SDK's own retries): every row of it is tried again.
            retry.AddRange(chunk);
        }

        return (retry, longest);
    }
}
