using System.Globalization;
using BulkRegistrar.Graph;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// Posts one <c>$batch</c> of at most 20 calls through the SDK and reads every item on its own.
/// Step ids are ours (the SDK's failed-request helper would replace them with GUIDs), and step URLs
/// get their <c>%</c> escaped once more because the SDK unescapes each step URL before writing it
/// (dotnet-notes §2: otherwise <c>#EXT#</c> becomes a fragment and <c>%40</c> is decoded twice).
/// </summary>
internal sealed class BatchSender(GraphServiceClient graph)
{
    public const int MaxBatchSize = 20;

    public async Task<CallResult[]> SendAsync(IReadOnlyList<GraphCall> calls, CancellationToken ct)
    {
        var results = new CallResult[calls.Count];
        BatchResponseContentCollection response;
        try
        {
            // Converting a step authenticates it, so a credential failure surfaces here too.
            var content = new BatchRequestContentCollection(graph, MaxBatchSize);
            for (var i = 0; i < calls.Count; i++)
            {
                content.AddBatchRequestStep(new BatchRequestStep(StepId(i), await ToStepMessage(calls[i].Request, ct)));
            }

            response = await graph.Batch.PostAsync(content, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Array.Fill(results, EnvelopeFailure(e));
            return results;
        }

        var codes = await response.GetResponsesStatusCodesAsync();
        for (var i = 0; i < calls.Count; i++)
        {
            results[i] = codes.ContainsKey(StepId(i))
                ? await ReadItem(response, StepId(i))
                : CallResult.Unknown("The batch response has no item for this request.");
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

    private static async Task<CallResult> ReadItem(BatchResponseContentCollection response, string id)
    {
        using var item = await response.GetResponseByIdAsync(id);
        var body = item.Content is null ? null : await item.Content.ReadAsStringAsync();
        return new CallResult((int)item.StatusCode, body, Header(item, "request-id") ?? InnerRequestId(body), RetryAfterOf(item), Percentage(item))
        {
            ThrottleInformation = Header(item, "x-ms-throttle-information"),
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
            return doc.RootElement.TryGetProperty("error", out var e) && e.TryGetProperty("innerError", out var inner)
                && inner.TryGetProperty("request-id", out var id) ? id.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static CallResult EnvelopeFailure(Exception e) => e switch
    {
        // No token at all (wrong secret, unknown app): as final as a 401, and it opens the same circuit.
        Azure.Identity.AuthenticationFailedException auth => new CallResult(401,
            System.Text.Json.JsonSerializer.Serialize(new { error = new { code = "AuthenticationFailed", message = FirstLine(auth.Message) } }), null, null, null, auth.Message),
        // The envelope itself was answered with an error (after the HTTP-level retries): every item shares it.
        Microsoft.Kiota.Abstractions.ApiException api when api.ResponseStatusCode > 0 => new CallResult(
            api.ResponseStatusCode,
            api is ODataError o ? System.Text.Json.JsonSerializer.Serialize(new { error = new { code = o.Error?.Code, message = o.Error?.Message } }) : null,
            HeaderOf(api, "request-id"),
            RetryAfterOf(api),
            null,
            api.Message),
        _ => CallResult.Unknown($"{e.GetType().Name}: {e.Message}"),
    };

    /// <summary>Azure.Identity's message spans lines (the reason is on the second); one line, bounded, for the audit.</summary>
    private static string FirstLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static string? Header(HttpResponseMessage m, string name) =>
        m.Headers.TryGetValues(name, out var v) || (m.Content?.Headers.TryGetValues(name, out v) ?? false) ? v.FirstOrDefault() : null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage m) =>
        RetryAfterHeader.Parse(Header(m, RetryAfterHeader.ExactMs), Header(m, "Retry-After"));

    private static double? Percentage(HttpResponseMessage m) =>
        Header(m, "x-ms-throttle-limit-percentage") is { } p && double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? HeaderOf(Microsoft.Kiota.Abstractions.ApiException e, string name) =>
        e.ResponseHeaders.TryGetValue(name, out var v) ? v.FirstOrDefault() : null;

    private static TimeSpan? RetryAfterOf(Microsoft.Kiota.Abstractions.ApiException e) =>
        RetryAfterHeader.Parse(HeaderOf(e, RetryAfterHeader.ExactMs), HeaderOf(e, "Retry-After"));
}
