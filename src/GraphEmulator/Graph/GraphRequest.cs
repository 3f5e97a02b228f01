using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator.Graph;

/// <summary>
/// One Graph call, whether it came in directly or as a $batch item. Both paths build this and
/// hand it to <see cref="GraphPipeline"/>, so the rules cannot drift between them.
/// </summary>
internal sealed class GraphRequest
{
    public required string Method { get; init; }

    /// <summary>Path and query relative to /v1.0, as received (for logs and fault keys).</summary>
    public required string Url { get; init; }

    public JsonElement? Body { get; init; }

    /// <summary>The body was present but not valid JSON.</summary>
    public bool BodyInvalid { get; init; }

    public string? Authorization { get; init; }

    public string? ClientRequestId { get; init; }

    /// <summary>Request id of the direct call or of the $batch envelope: a throttle window opened by
    /// one item does not count its siblings in the same envelope as early retries.</summary>
    public required string OriginId { get; init; }

    public bool InBatch { get; init; }

    /// <summary>Sent under /beta (directly, or as an item of a /beta/$batch): beta-only routes exist.</summary>
    public bool Beta { get; init; }

    /// <summary>When the answer (or, in a batch, the envelope's answer) left the emulator; strict windows use it.</summary>
    public Throttling.Delivery Delivery { get; init; } = new();

    /// <summary>When the direct call or its $batch envelope arrived (before its body was read).</summary>
    public DateTimeOffset Arrived { get; init; }
}

/// <summary>What the pipeline answers; the direct endpoint writes it to HTTP, the batch endpoint into the envelope.</summary>
internal sealed class GraphResponse
{
    public int Status { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public JsonNode? Body { get; set; }

    public string RequestId { get; set; } = "";

    /// <summary>Route name for stats ("POST users/{id}/authentication/phoneMethods").</summary>
    public string Route { get; set; } = "unmatched";

    /// <summary>Emulated latency to wait before answering (already divided by k).</summary>
    public double LatencyMs { get; set; }

    /// <summary>Abort the connection instead of answering (dropped connection / lost response).</summary>
    public bool AbortConnection { get; set; }

    public string? Fault { get; set; }

    /// <summary>The handler changed state (even if the client then never saw the answer).</summary>
    public bool WriteApplied { get; set; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public GraphResponse WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}
