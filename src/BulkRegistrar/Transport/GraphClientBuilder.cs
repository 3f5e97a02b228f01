using BulkRegistrar.Graph;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Polly;
using AuthProvider = Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider;

namespace BulkRegistrar.Transport;

/// <summary>
/// The one place the Graph client is assembled. The SDK's middleware chain is kept (telemetry,
/// redirects, headers) except its <see cref="RetryHandler"/>: Polly is the only retry owner, or
/// retries multiply (docs/sdk-notes.md §3: 12 requests instead of 3). Polly sits outermost so every
/// attempt goes through the whole chain; HttpClient.Timeout is infinite because it would otherwise
/// span all retries — per-attempt timeouts belong to the Polly pipeline.
/// </summary>
internal static class GraphClientBuilder
{
    public static GraphServiceClient Create(GraphTarget target, ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        handlers.Remove(handlers.OfType<RetryHandler>().Single());
        handlers.Insert(0, new Microsoft.Extensions.Http.Resilience.ResilienceHandler(pipeline));
        handlers.Add(new Http2Handler());
        var http = GraphClientFactory.Create(handlers, finalHandler: target.FinalHandler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        });
        http.Timeout = Timeout.InfiniteTimeSpan;
        var auth = new AuthProvider(target.Credential, target.AllowedHosts, null, true, target.Scope);
        return new GraphServiceClient(http, auth, target.GraphBaseUrl);
    }
}
