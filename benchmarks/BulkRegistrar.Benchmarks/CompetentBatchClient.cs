using System.Net;
using Azure.Core.Pipeline;
using Azure.Identity;
using GraphEmulator;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// The client a competent developer writes from Microsoft's batching and rate-limit pages, as summarised with
/// their sources in docs/graph-behaviour.md §5 and §T1.4–§T1.5:
/// the SDK's <see cref="BatchRequestContentCollection"/>, 20 POSTs per <c>$batch</c>, 4 batches in flight,
/// no reads (it posts every row's mobile blind), the SDK's default handlers (its RetryHandler retries a
/// throttled envelope), and each batch's items that failed with 429 or 5xx retried after the largest
/// Retry-After among them, 5 attempts in all. Any other failure (a 400 "already exists" after a
/// lost response, say) is logged and left, as such a script does.
/// </summary>
internal static class CompetentBatchClient
{
    private const int BatchSize = 20;
    private const int InFlight = 4;
    private const int Attempts = 5;

    public static async Task RunAsync(RunningEmulator emulator, IReadOnlyList<(string Upn, string Mobile)> rows, CancellationToken ct)
    {
        var credential = new ClientSecretCredential(emulator.TenantId, emulator.ClientId, emulator.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        });
        var auth = new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, [emulator.BaseUrl.Host], null, true, "https://graph.microsoft.com/.default");
        var graph = new GraphServiceClient(GraphClientFactory.Create(finalHandler: emulator.CreateHttpHandler()), auth, emulator.GraphBaseUrl);

        using var slots = new SemaphoreSlim(InFlight);
        await Task.WhenAll(rows.Chunk(BatchSize).Select(async chunk =>
        {
            await slots.WaitAsync(ct);
            try
            {
                await SendWithRetriesAsync(graph, chunk, ct);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    /// <summary>
    /// The docs' pattern: post the batch, collect the items that came back 429 or 5xx, wait the largest
    /// Retry-After among them (else back off exponentially), and post a new batch of just those
    /// (<see cref="BatchRequestContentCollection.NewBatchWithFailedRequests"/>), 5 attempts in all.
    /// </summary>
    private static async Task SendWithRetriesAsync(GraphServiceClient graph, (string Upn, string Mobile)[] chunk, CancellationToken ct)
    {
        var batch = new BatchRequestContentCollection(graph);
        foreach (var row in chunk)
        {
            await batch.AddBatchRequestStepAsync(graph.Users[row.Upn].Authentication.PhoneMethods.ToPostRequestInformation(
                new PhoneAuthenticationMethod { PhoneNumber = row.Mobile, PhoneType = AuthenticationPhoneType.Mobile }));
        }

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var failed = new Dictionary<string, HttpStatusCode>();
            var longest = TimeSpan.Zero;
            try
            {
                var response = await graph.Batch.PostAsync(batch, ct);
                foreach (var (id, code) in await response.GetResponsesStatusCodesAsync())
                {
                    if ((int)code is 429 or >= 500)
                    {
                        failed[id] = code;
                        using var item = await response.GetResponseByIdAsync(id);
                        if (item?.Headers.RetryAfter?.Delta is { } delta && delta > longest)
                        {
                            longest = delta;
                        }
                    }
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is AggregateException or ServiceException or HttpRequestException or TaskCanceledException or Microsoft.Kiota.Abstractions.ApiException)
            {
                // The whole batch failed (after the SDK's own retries of the envelope): all of it again.
                foreach (var id in batch.BatchRequestSteps.Keys)
                {
                    failed[id] = HttpStatusCode.ServiceUnavailable;
                }
            }

            if (failed.Count == 0 || attempt == Attempts)
            {
                return;
            }

            await Task.Delay(longest > TimeSpan.Zero ? longest : TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), ct);
            batch = batch.NewBatchWithFailedRequests(failed);
        }
    }
}
