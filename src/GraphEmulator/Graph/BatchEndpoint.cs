using GraphEmulator.Faults;
using Microsoft.AspNetCore.Http;

namespace GraphEmulator.Graph;

/// <summary>
/// POST /v1.0/$batch (graph-contract §5): ≤20 items, each dispatched through the same
/// <see cref="GraphPipeline"/> as a direct call and metered on its own; dependsOn runs the named
/// item first and answers 424 when it failed; the envelope is 200 once the batch parsed.
/// </summary>
internal static class BatchEndpoint
{
    public static async Task HandleAsync(HttpContext ctx, EmulatorServices s, GraphPipeline pipeline)
    {
        var envelopeId = Guid.NewGuid().ToString();
        var clientRequestId = (string?)ctx.Request.Headers["client-request-id"];
        var scope = new RequestScope(envelopeId, clientRequestId ?? envelopeId, s.Time.GetUtcNow());
        var authorization = (string?)ctx.Request.Headers.Authorization;
        var (doc, invalid) = await ResponseWriter.ReadJsonAsync(ctx.Request, ctx.RequestAborted);
        using (doc)
        {
            var rejected = pipeline.RejectEnvelope(authorization, scope);
            List<BatchItem>? items = null;
            var error = "Invalid batch payload format.";
            if (rejected is null && (invalid || doc is null || (items = BatchParser.Parse(doc.RootElement, out error)) is null))
            {
                rejected = GraphErrors.BadRequest(error, scope, "BadRequest");
            }

            if (rejected is not null)
            {
                rejected.RequestId = envelopeId;
                s.Stats.CountEnvelope(rejected.Status);
                await ResponseWriter.WriteAsync(ctx, rejected, clientRequestId, s.Time.GetUtcNow());
                return;
            }

            var envelopeFault = s.Faults.DecideBatch(string.Join('|', items!.Select(i => i.Method + " " + i.Url)));
            var results = new Dictionary<string, GraphResponse>(StringComparer.OrdinalIgnoreCase);
            var byId = items!.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < items!.Count; i++)
            {
                Run(items[i], i);
            }

            GraphResponse Run(BatchItem item, int index)
            {
                if (results.TryGetValue(item.Id, out var done))
                {
                    return done;
                }

                GraphResponse r;
                if (item.DependsOn is { } dep && !Run(byId[dep], index).IsSuccess)
                {
                    r = FailedDependency(s, scope, item);
                }
                else if (envelopeFault.FailAll)
                {
                    r = ChaosItem(s, scope, item, envelopeFault.Pick, index);
                }
                else
                {
                    r = pipeline.Execute(new GraphRequest
                    {
                        Method = item.Method,
                        Url = item.Url,
                        Body = item.Body,
                        BodyInvalid = item.BodyInvalid,
                        Authorization = authorization,
                        ClientRequestId = item.ClientRequestId ?? clientRequestId,
                        OriginId = envelopeId,
                        InBatch = true,
                    });
                }

                results[item.Id] = r;
                return r;
            }

            // Items "run in parallel": the batch takes as long as its slowest item plus envelope overhead.
            var latency = results.Values.Select(r => r.LatencyMs).DefaultIfEmpty(0).Max() + s.Latency.BatchOverhead;
            if (latency > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(latency), s.Time, ctx.RequestAborted);
            }

            s.Stats.CountEnvelope(200);
            if (envelopeFault.LoseResponse)
            {
                // Every item ran (writes landed), then the connection died: the client learns nothing.
                s.Stats.CountFault("batchResponseLost", results.Values.Any(r => r.WriteApplied));
                ctx.Abort();
                return;
            }

            var envelope = new GraphResponse { Status = 200, RequestId = envelopeId, Body = BatchEnvelope.Build(items, results) };
            await ResponseWriter.WriteAsync(ctx, envelope, clientRequestId, s.Time.GetUtcNow());
        }
    }

    private static GraphResponse FailedDependency(EmulatorServices s, RequestScope scope, BatchItem item)
    {
        var r = GraphErrors.Create(424, "failedDependency",
            $"The request '{item.Id}' could not run because the request it depends on '{item.DependsOn}' failed.", scope);
        s.Stats.CountRequest("failed dependency (not run)", 424, inBatch: true);
        return r;
    }

    /// <summary>Chaos failed the whole batch: every item gets a random code, like Dev Proxy's GraphRandomErrorPlugin.</summary>
    private static GraphResponse ChaosItem(EmulatorServices s, RequestScope scope, BatchItem item, double pick, int index)
    {
        var code = FaultInjector.ChaosCode(item.Method, pick, index);
        var r = GraphErrors.Create(code, code == 429 ? "TooManyRequests" : "serviceNotAvailable", "Chaos fault injected by the emulator.", scope);
        if (code == 429)
        {
            var k = s.Throttler.Settings.K;
            r.WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(5 / k)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.WithHeader("x-emulator-retry-after-ms", Math.Ceiling(5000 / k).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        r.Fault = code == 429 ? "spurious429" : $"status{code}";
        s.Stats.CountFault(r.Fault, lostWrite: false);
        s.Stats.CountRequest("chaos batch (not run)", code, inBatch: true);
        return r;
    }
}
