using GraphEmulator.Auth;
using GraphEmulator.Faults;
using GraphEmulator.Throttling;
using Microsoft.AspNetCore.Http;

namespace GraphEmulator.Graph;

/// <summary>
/// POST /v1.0/$batch (docs/graph-behaviour.md §5): ≤20 items, each dispatched through the same
/// <see cref="GraphPipeline"/> as a direct call and metered on its own; dependsOn runs the named
/// item first and answers 424 when it failed; the envelope is 200 once the batch parsed. Under
/// strict the envelope itself can fail (429 with Retry-After, 503, 504) and items run and answer
/// in a seeded order (<see cref="BatchRunner"/>).
/// </summary>
internal static class BatchEndpoint
{
    public static async Task HandleAsync(HttpContext ctx, EmulatorServices s, GraphPipeline pipeline, bool beta)
    {
        var arrived = s.Time.GetUtcNow();
        var envelopeId = Guid.NewGuid().ToString();
        var delivery = new Delivery();
        var clientRequestId = (string?)ctx.Request.Headers["client-request-id"];
        var scope = new RequestScope(envelopeId, clientRequestId ?? envelopeId, arrived);
        var authorization = (string?)ctx.Request.Headers.Authorization;
        var (doc, invalid) = await ResponseWriter.ReadJsonAsync(ctx.Request, ctx.RequestAborted);
        using (doc)
        {
            var rejected = pipeline.RejectEnvelope(authorization, scope, out var claims);
            List<BatchItem>? items = null;
            var error = "Invalid batch payload format.";
            if (rejected is null && (invalid || doc is null || (items = BatchParser.Parse(doc.RootElement, out error)) is null))
            {
                rejected = GraphErrors.BadRequest(error, scope, "BadRequest");
            }

            var envelopeFault = EnvelopeFault.None;
            rejected ??= EnvelopeRefused(s, claims!, arrived, envelopeId, delivery, scope, out envelopeFault, items!);
            if (rejected is not null)
            {
                await Answer(ctx, s, rejected, envelopeId, clientRequestId, delivery,
                    rejected.Fault is null or FaultResponses.Violation ? 0 : s.Latency.BatchOverhead, arrived);
                return;
            }

            var run = BatchRunner.Run(s, pipeline, items!, envelopeFault,
                new BatchContext(envelopeId, authorization, clientRequestId, delivery, arrived, beta), scope);
            var latency = run.LatencyMs + s.Latency.BatchOverhead;
            if (latency > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(latency), s.Time, ctx.RequestAborted);
            }

            var anyWrite = run.Results.Values.Any(r => r.WriteApplied);
            if (envelopeFault.Status != 0)
            {
                // Every item ran (writes landed), then the gateway gave up: the client learns nothing about them.
                s.Stats.CountFault(envelopeFault.Name, anyWrite);
                var failed = FaultResponses.Error(envelopeFault.Status, scope);
                failed.Fault = envelopeFault.Name;
                // Not the items' delivery: this answer carries none of them, so a window an item's 429 opened was never read by the
                // client, and a request inside it is no early retry (it was counted as one, failing ThrottleScopeTests now and then).
                await Answer(ctx, s, failed, envelopeId, clientRequestId, new Delivery(), 0, arrived);
                return;
            }

            s.Stats.CountEnvelope(200);
            if (envelopeFault.LoseResponse)
            {
                // Every item ran (writes landed), then the connection died: the client learns nothing.
                s.Stats.CountFault("batchResponseLost", anyWrite);
                s.Log.Add(new EmulatorRequestLogEntry(arrived, "POST", "/$batch", 0, envelopeId, clientRequestId, null, null, "batchResponseLost"));
                ctx.Abort();
                return;
            }

            var envelope = new GraphResponse { Status = 200, RequestId = envelopeId, Body = BatchEnvelope.Build(run.ResponseOrder, run.Results) };
            delivery.Mark(s.Time.GetUtcNow());
            await ResponseWriter.WriteAsync(ctx, envelope, clientRequestId, s.Time.GetUtcNow());
        }
    }

    /// <summary>
    /// Strict envelope-level answers: an envelope sent inside an envelope 429's Retry-After is
    /// refused again (a counted violation); otherwise the seeded draw may answer 429 / 503 before
    /// any item ran. Null: the items run (a 504 after they ran is handled by the caller).
    /// </summary>
    private static GraphResponse? EnvelopeRefused(EmulatorServices s, TokenClaims claims, DateTimeOffset arrived, string envelopeId,
        Delivery delivery, RequestScope scope, out EnvelopeFault fault, List<BatchItem> items)
    {
        fault = EnvelopeFault.None;
        if (s.Faults.Strict && s.Throttler.AdmitEnvelope(claims.AppId, claims.TenantId, arrived) is { } early)
        {
            s.Stats.CountViolation();
            var violation = FaultResponses.Throttled(early, claims, scope);
            violation.Fault = FaultResponses.Violation; // the request log says which envelopes came early
            return violation;
        }

        fault = s.Faults.DecideBatch(string.Join('|', items.Select(i => i.Method + " " + i.Url)));
        if (fault.Status == 0 || fault.RunItems)
        {
            return null;
        }

        s.Stats.CountFault(fault.Name, lostWrite: false);
        var k = s.Throttler.Settings.K;
        var r = fault.Status == 429
            ? GraphErrors.Create(429, "TooManyRequests", "Too many requests. Please try again later.", scope,
                new System.Text.Json.Nodes.JsonObject { ["code"] = "429", ["status"] = "429" })
            : FaultResponses.Error(fault.Status, scope);
        if (fault.RetryAfterSeconds > 0)
        {
            // Only envelopes have to wait for an envelope's Retry-After (it named no scope and no user).
            s.Throttler.OpenTransientWindow(claims.AppId, claims.TenantId, Throttler.EnvelopeKey, envelopeId, delivery, fault.RetryAfterSeconds);
            FaultResponses.WithRetryAfter(r, fault.RetryAfterSeconds, k);
        }

        r.Fault = fault.Name;
        return r;
    }

    /// <summary>
    /// An envelope answered as a whole (refused, or failed after its items ran): written after its latency, and put in the request log
    /// as <c>POST /$batch</c> at its arrival with its fault, so a log shows envelope 429s and early envelopes beside the items.
    /// </summary>
    private static async Task Answer(HttpContext ctx, EmulatorServices s, GraphResponse r, string envelopeId, string? clientRequestId,
        Delivery delivery, double latencyMs, DateTimeOffset arrived)
    {
        s.Log.Add(new EmulatorRequestLogEntry(arrived, "POST", "/$batch", r.Status, envelopeId, clientRequestId, null, null, r.Fault));
        if (latencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latencyMs), s.Time, ctx.RequestAborted);
        }

        r.RequestId = envelopeId;
        s.Stats.CountEnvelope(r.Status);
        delivery.Mark(s.Time.GetUtcNow());
        await ResponseWriter.WriteAsync(ctx, r, clientRequestId, s.Time.GetUtcNow());
    }
}

/// <summary>What every item of one envelope shares.</summary>
/// <param name="Beta">The envelope came to /beta/$batch: its items are beta calls.</param>
internal sealed record BatchContext(string EnvelopeId, string? Authorization, string? ClientRequestId, Delivery Delivery, DateTimeOffset Arrived, bool Beta);
