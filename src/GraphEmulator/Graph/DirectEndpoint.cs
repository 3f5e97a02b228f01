using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GraphEmulator.Graph;

/// <summary>Everything under /v1.0 or /beta that is not $batch: HTTP in, <see cref="GraphPipeline"/>, HTTP out.</summary>
internal static class DirectEndpoint
{
    /// <param name="beta">Sent under /beta: "/beta" is as long as "/v1.0", so the same cut gives the relative url.</param>
    public static async Task HandleAsync(HttpContext ctx, EmulatorServices s, GraphPipeline pipeline, bool beta)
    {
        var arrived = s.Time.GetUtcNow();

        // The raw target keeps %2F, %23 and %24 as sent; GraphPath decodes each segment once.
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? ctx.Request.Path.Value ?? "";
        var relative = raw.Length > 5 ? raw[5..] : "";
        if (HttpMethods.IsPost(ctx.Request.Method) && relative.StartsWith("/$batch", StringComparison.OrdinalIgnoreCase))
        {
            await BatchEndpoint.HandleAsync(ctx, s, pipeline, beta);
            return;
        }

        var (doc, invalid) = await ResponseWriter.ReadJsonAsync(ctx.Request, ctx.RequestAborted);
        using (doc)
        {
            var clientRequestId = (string?)ctx.Request.Headers["client-request-id"];
            var request = new GraphRequest
            {
                Method = ctx.Request.Method.ToUpperInvariant(),
                Url = relative,
                Body = doc?.RootElement,
                BodyInvalid = invalid,
                Authorization = ctx.Request.Headers.Authorization,
                ClientRequestId = clientRequestId,
                OriginId = ctx.TraceIdentifier,
                Arrived = arrived,
                Beta = beta,
            };
            var response = pipeline.Execute(request);
            if (response.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(response.LatencyMs), s.Time, ctx.RequestAborted);
            }

            if (response.AbortConnection)
            {
                ctx.Abort();
                return;
            }

            request.Delivery.Mark(s.Time.GetUtcNow());
            await ResponseWriter.WriteAsync(ctx, response, clientRequestId, s.Time.GetUtcNow());
        }
    }
}
