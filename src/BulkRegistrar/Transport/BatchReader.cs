using System.Globalization;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Transport;

/// <summary>
/// Reads a <c>$batch</c> answer into one <see cref="CallResult"/> per step, once: the envelope layer reads a 200 the
/// moment it arrives (its budget 429s close the gate before the next batch can leave) and leaves the results on the
/// request's <see cref="BatchOption"/> for <see cref="BatchSender"/>. A refused envelope gives every item its answer.
/// </summary>
internal static class BatchReader
{
    public static string StepId(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <param name="count">The steps sent, with ids 1…count (<see cref="StepId"/>).</param>
    /// <returns>The results in step order, without the batch's client-request-id (the sender adds it).</returns>
    public static async Task<CallResult[]> ReadAsync(HttpResponseMessage envelope, int count)
    {
        var results = new CallResult[count];
        var envelopeId = ResponseHeaders.Get(envelope, "request-id");
        if (!envelope.IsSuccessStatusCode)
        {
            // The envelope itself was refused (after the HTTP-level retries): every item shares its answer.
            var body = await envelope.Content.ReadAsStringAsync();
            var percentage = ResponseHeaders.LimitPercentage(envelope);
            Array.Fill(results, new CallResult((int)envelope.StatusCode, body, envelopeId, RetryAfterHeader.Of(envelope), percentage)
            {
                ThrottleInformation = ResponseHeaders.Get(envelope, ResponseHeaders.ThrottleInformation),
                ThrottleScope = ResponseHeaders.Get(envelope, ResponseHeaders.ThrottleScope),
                FromEnvelope = true,
            });
            return results;
        }

        var response = new BatchResponseContent(envelope);
        var codes = await response.GetResponsesStatusCodesAsync();
        for (var i = 0; i < count; i++)
        {
            results[i] = codes.ContainsKey(StepId(i))
                ? await ReadItem(response, StepId(i), envelopeId)
                : CallResult.Unknown("The batch response has no item for this request.") with { RequestId = envelopeId };
        }

        return results;
    }

    /// <param name="envelopeId">The <c>$batch</c> response's request-id, for items that carry none of their own.</param>
    private static async Task<CallResult> ReadItem(BatchResponseContent response, string id, string? envelopeId)
    {
        using var item = await response.GetResponseByIdAsync(id);
        var body = item.Content is null ? null : await item.Content.ReadAsStringAsync();
        return new CallResult((int)item.StatusCode, body, ResponseHeaders.Get(item, "request-id") ?? InnerRequestId(body) ?? envelopeId,
            RetryAfterHeader.Of(item), ResponseHeaders.LimitPercentage(item))
        {
            ThrottleInformation = ResponseHeaders.Get(item, ResponseHeaders.ThrottleInformation),
            Location = ResponseHeaders.Get(item, "Location"),
            ThrottleScope = ResponseHeaders.Get(item, ResponseHeaders.ThrottleScope),
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
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
                && e.TryGetProperty("innerError", out var inner) && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("request-id", out var rid) && rid.ValueKind == JsonValueKind.String ? rid.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Rides on a <c>$batch</c> request (Kiota copies request options into <see cref="HttpRequestMessage.Options"/>, this same
/// object) down to the envelope layer and back: the kinds it carries, so the gate is checked once more just before the
/// bytes leave (a 429 answered to another batch while this one was being built must still hold it), and the steps it
/// holds, so a 200 is read there once and its results come back here.
/// </summary>
internal sealed class BatchOption(RequestKinds kinds, int steps) : IRequestOption
{
    public static readonly HttpRequestOptionsKey<IRequestOption> Key = new(typeof(BatchOption).FullName!);

    public RequestKinds Kinds { get; } = kinds;

    public int Steps { get; } = steps;

    /// <summary>The items of the 200 that answered it, read by the envelope layer (a failed read keeps its exception); null until then.</summary>
    public Task<CallResult[]>? Answer { get; set; }

    public static BatchOption? Of(HttpRequestMessage? request) =>
        request?.Options.TryGetValue(Key, out var option) == true ? option as BatchOption : null;
}
