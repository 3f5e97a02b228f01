using GraphEmulator.Faults;

namespace GraphEmulator.Graph;

/// <summary>Results of one envelope's items, the order their responses are written in, and how long they took.</summary>
internal sealed record BatchRun(Dictionary<string, GraphResponse> Results, List<BatchItem> ResponseOrder, double LatencyMs);

/// <summary>
/// Runs the items of a parsed $batch. Outside strict: array order (a dependency first), responses
/// in array order. Strict [emu]: items without a pending dependency run in a seeded random order
/// and the responses come back in another seeded order that is never the order sent. Time is
/// concurrent either way: independent items overlap, a dependency chain adds up.
/// </summary>
internal static class BatchRunner
{
    public static BatchRun Run(EmulatorServices s, GraphPipeline pipeline, List<BatchItem> items, EnvelopeFault envelopeFault, BatchContext b,
        RequestScope scope)
    {
        var strict = s.Faults.Strict;
        var results = new Dictionary<string, GraphResponse>(StringComparer.OrdinalIgnoreCase);
        var finish = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var byId = items.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        var key = string.Join('|', items.Select(i => i.Method + " " + i.Url));
        var n = strict ? s.Faults.Occurrence("order " + key) : 0;
        var runOrder = strict ? Shuffle(s, items, key, n, 0) : items;
        for (var i = 0; i < runOrder.Count; i++)
        {
            Execute(runOrder[i], items.IndexOf(runOrder[i]));
        }

        GraphResponse Execute(BatchItem item, int index)
        {
            if (results.TryGetValue(item.Id, out var done))
            {
                return done;
            }

            GraphResponse r;
            var start = 0.0;
            if (item.DependsOn is { } dep && !Execute(byId[dep], items.IndexOf(byId[dep])).IsSuccess)
            {
                r = FailedDependency(s, scope, item);
            }
            else if (envelopeFault.FailAll)
            {
                r = ChaosItem(s, scope, item, envelopeFault.Pick, index, b);
            }
            else
            {
                start = item.DependsOn is { } d ? finish[d] : 0;
                r = pipeline.Execute(new GraphRequest
                {
                    Method = item.Method,
                    Url = item.Url,
                    Body = item.Body,
                    BodyInvalid = item.BodyInvalid,
                    Authorization = b.Authorization,
                    ClientRequestId = item.ClientRequestId ?? b.ClientRequestId,
                    OriginId = b.EnvelopeId,
                    InBatch = true,
                    Delivery = b.Delivery,
                    Arrived = b.Arrived,
                    Beta = b.Beta,
                });
            }

            results[item.Id] = r;
            finish[item.Id] = strict ? start + r.LatencyMs : r.LatencyMs;
            return r;
        }

        var responseOrder = strict ? Different(Shuffle(s, items, key, n, 1000), items) : items;
        return new BatchRun(results, responseOrder, finish.Values.DefaultIfEmpty(0).Max());
    }

    /// <summary>Seeded Fisher–Yates over (fault seed, batch content, how often this content was sent).</summary>
    private static List<BatchItem> Shuffle(EmulatorServices s, List<BatchItem> items, string key, int n, int salt)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = (int)(s.Faults.Uniform(key, n, salt + i) * (i + 1));
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>"A different order than sent": a shuffle that came out unchanged is rotated by one.</summary>
    private static List<BatchItem> Different(List<BatchItem> shuffled, List<BatchItem> sent) =>
        shuffled.Count > 1 && shuffled.SequenceEqual(sent) ? [.. shuffled.Skip(1), shuffled[0]] : shuffled;

    private static GraphResponse FailedDependency(EmulatorServices s, RequestScope scope, BatchItem item)
    {
        var r = GraphErrors.Create(424, "failedDependency",
            $"The request '{item.Id}' could not run because the request it depends on '{item.DependsOn}' failed.", scope);
        s.Stats.CountRequest("failed dependency (not run)", 424, inBatch: true);
        return r;
    }

    /// <summary>
    /// Chaos failed the whole batch: every item gets a random code, like Dev Proxy's GraphRandomErrorPlugin. The request log
    /// shows the item too (it was sent and answered, though nothing ran), so a log of a chaos run holds every attempt.
    /// </summary>
    private static GraphResponse ChaosItem(EmulatorServices s, RequestScope scope, BatchItem item, double pick, int index, BatchContext b)
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
        s.Log.Add(new EmulatorRequestLogEntry(s.Time.GetUtcNow(), item.Method, item.Url, code, scope.RequestId, item.ClientRequestId ?? b.ClientRequestId,
            b.EnvelopeId, null, r.Fault));
        return r;
    }
}
