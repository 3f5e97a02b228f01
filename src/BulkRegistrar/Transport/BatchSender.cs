using System.Globalization;
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
        HttpResponseMessage envelope;
        try
        {
            // Converting a step authenticates it, so a credential failure surfaces here too.
            var steps = new BatchRequestStep[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                steps[i] = new BatchRequestStep(StepId(i), await ToStepMessage(calls[i].Request, ct));
            }

            // Batch.PostAsync(BatchRequestContentCollection) hides the envelope's headers (its request-id)
            // and turns an error envelope into an exception without its body; sending the SDK's own
            // request with a native response handler keeps both.
#pragma warning disable CS0618 // Obsolete only in favour of the collection, which splits above 20 steps; we never send more than 20.
            var content = new BatchRequestContent(graph, steps);
#pragma warning restore CS0618
            var request = await graph.Batch.ToPostRequestInformationAsync(content, ct);
            request.Headers.Add("client-request-id", clientRequestId);
            request.AddRequestOptions([new HeldKindsOption(calls.Aggregate(RequestKinds.None, (k, c) => k | (c.IsWrite ? RequestKinds.Writes : RequestKinds.Reads)))]);
            var native = new NativeResponseHandler();
            request.SetResponseHandler(native);
            await graph.RequestAdapter.SendNoContentAsync(request, cancellationToken: ct);
            envelope = (HttpResponseMessage)native.Value!;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failure = SendFailures.Classify(e);
            return [.. calls.Select(_ => new CallResult(0, null, null, null, null, failure) { ClientRequestId = failure.NothingSent ? null : clientRequestId })];
        }

        using (envelope)
        {
            return await ReadAsync(envelope, calls.Count, clientRequestId);
        }
    }

    private static async Task<CallResult[]> ReadAsync(HttpResponseMessage envelope, int count, string clientRequestId)
    {
        var results = new CallResult[count];
        var envelopeId = Header(envelope, "request-id");
        if (!envelope.IsSuccessStatusCode)
        {
            // The envelope itself was refused (after the HTTP-level retries): every item shares its answer.
            var body = await envelope.Content.ReadAsStringAsync();
            Array.Fill(results, new CallResult((int)envelope.StatusCode, body, envelopeId, RetryAfterOf(envelope), Percentage(envelope))
            {
                ThrottleInformation = Header(envelope, "x-ms-throttle-information"),
                ThrottleScope = Header(envelope, "x-ms-throttle-scope"),
                ClientRequestId = clientRequestId,
                FromEnvelope = true,
            });
            return results;
        }

        var response = new BatchResponseContent(envelope);
        var codes = await response.GetResponsesStatusCodesAsync();
        for (var i = 0; i < count; i++)
        {
            results[i] = (codes.ContainsKey(StepId(i))
                ? await ReadItem(response, StepId(i), envelopeId)
                : CallResult.Unknown("The batch response has no item for this request.") with { RequestId = envelopeId }) with { ClientRequestId = clientRequestId };
        }

        return results;
    }

    private static string StepId(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

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

    /// <param name="envelopeId">The <c>$batch</c> response's request-id, for items that carry none of their own.</param>
    private static async Task<CallResult> ReadItem(BatchResponseContent response, string id, string? envelopeId)
    {
        using var item = await response.GetResponseByIdAsync(id);
        var body = item.Content is null ? null : await item.Content.ReadAsStringAsync();
        return new CallResult((int)item.StatusCode, body, Header(item, "request-id") ?? InnerRequestId(body) ?? envelopeId, RetryAfterOf(item), Percentage(item))
        {
            ThrottleInformation = Header(item, "x-ms-throttle-information"),
            Location = Header(item, "Location"),
            ThrottleScope = Header(item, "x-ms-throttle-scope"),
        };
    }

    /// <summary>Batch items carry no request-id header; an error body names it in <c>innerError</c>.</summary>
    private static string? InnerRequestId(string? body)
    {
        if (string.IsNullOrEmpty(body) || !body.Contains("request-id", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Object
                && e.TryGetProperty("innerError", out var inner) && inner.ValueKind == System.Text.Json.JsonValueKind.Object
                && inner.TryGetProperty("request-id", out var rid) && rid.ValueKind == System.Text.Json.JsonValueKind.String ? rid.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseMessage m, string name) =>
        m.Headers.TryGetValues(name, out var v) || (m.Content?.Headers.TryGetValues(name, out v) ?? false) ? v.FirstOrDefault() : null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage m) =>
        RetryAfterHeader.Parse(Header(m, RetryAfterHeader.ExactMs), Header(m, "Retry-After"));

    private static double? Percentage(HttpResponseMessage m) =>
        Header(m, "x-ms-throttle-limit-percentage") is { } p && double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
