using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Transport;

/// <summary>
/// Posts one <c>$batch</c> of at most 20 calls through the SDK and reads every item on its own,
/// with our <c>client-request-id</c> on the envelope and Graph's request-ids kept for the audit.
/// Step ids are ours (the SDK's failed-request helper would replace them with GUIDs), and step URLs
/// get their <c>%</c> escaped once more because the SDK unescapes each step URL before writing it
/// (docs/sdk-notes.md §2: otherwise <c>#EXT#</c> becomes a fragment and <c>%40</c> is decoded twice).
/// </summary>
internal sealed class BatchSender(GraphServiceClient graph)
{
    public const int MaxBatchSize = 20;

    /// <param name="clientRequestId">The id the write-ahead journal recorded this batch's writes under; a new one when null.</param>
    public async Task<CallResult[]> SendAsync(IReadOnlyList<GraphCall> calls, CancellationToken ct, string? clientRequestId = null)
    {
        // One client-request-id per batch (Graph echoes it, and it is the key an admin gives Microsoft
        // support); every record of the batch carries it.
        clientRequestId ??= Guid.NewGuid().ToString();
        var option = new BatchOption(calls.Aggregate(RequestKinds.None, (k, c) => k | c.Kind), calls.Count);
        HttpResponseMessage envelope;
        try
        {
            // Converting a step authenticates it, so a credential failure surfaces here too.
            var steps = new BatchRequestStep[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                steps[i] = new BatchRequestStep(BatchReader.StepId(i), await ToStepMessage(calls[i].Request, ct));
            }

            // Batch.PostAsync(BatchRequestContentCollection) hides the envelope's headers (its request-id)
            // and turns an error envelope into an exception without its body; sending the SDK's own
            // request with a native response handler keeps both.
#pragma warning disable CS0618 // Obsolete only in favour of the collection, which splits above 20 steps; we never send more than 20.
            var content = new BatchRequestContent(graph, steps);
#pragma warning restore CS0618
            var request = await graph.Batch.ToPostRequestInformationAsync(content, ct);
            if (calls[0].Beta)
            {
                request.URI = BetaBatch(graph.RequestAdapter.BaseUrl!); // every call of a batch has one version (PendingCalls); graph.Batch posts to v1.0's
            }

            request.Headers.Add("client-request-id", clientRequestId);
            request.AddRequestOptions([option]);
            var native = new NativeResponseHandler();
            request.SetResponseHandler(native);
            await graph.RequestAdapter.SendNoContentAsync(request, cancellationToken: ct);
            envelope = (HttpResponseMessage)native.Value!;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failure = SendFailures.Classify(e);
            var sentId = failure.NothingSent ? null : clientRequestId;
            return [.. calls.Select(_ => new CallResult(0, null, null, null, null, failure) { ClientRequestId = sentId })];
        }

        using (envelope)
        {
            // A 200 was read where it arrived (HttpResilience); read here only what that layer did not.
            var results = await (option.Answer ?? BatchReader.ReadAsync(envelope, calls.Count));
            return [.. results.Select(r => r with { ClientRequestId = clientRequestId })];
        }
    }

    /// <summary><c>{base}/beta/$batch</c> from the client's <c>{base}/v1.0</c>: the steps' URLs are relative, so the envelope says the
    /// version (docs/sdk-notes.md §13).</summary>
    private static Uri BetaBatch(string v1)
    {
        var root = v1.TrimEnd('/');
        return new Uri((root.EndsWith("/v1.0", StringComparison.Ordinal) ? root[..^"/v1.0".Length] : root) + "/beta/$batch");
    }

    private async Task<HttpRequestMessage> ToStepMessage(RequestInformation request, CancellationToken ct)
    {
        // A retry sends the same RequestInformation again: its body stream was read to the end by the
        // previous attempt, and an empty body would make the step unserialisable.
        if (request.Content is { CanSeek: true } body)
        {
            body.Position = 0;
        }

        var message = await graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(request, ct);
        var uri = message!.RequestUri!;
        message.RequestUri = new Uri(uri.GetLeftPart(UriPartial.Authority)
            + uri.AbsolutePath.Replace("%", "%25", StringComparison.Ordinal)
            + uri.Query.Replace("%", "%25", StringComparison.Ordinal));
        return message;
    }
}
