using System.Net;

namespace BulkRegistrar.Transport;

/// <summary>
/// Every Graph request asks for HTTP/2, falling back to HTTP/1.1 where the server does not offer it. Graph serves HTTP/2; the SDK
/// builds its requests as HTTP/1.1, which needs one connection per request in flight, so a run opening more batches at once (the
/// concurrency limit rising) made a TCP and TLS handshake after the throttle gate had let a batch go. Traced under load, batches
/// the gate released before any 429 came back reached Graph 50-60 ms later, after one had left: inside its window
/// (docs/sdk-notes.md §15). Over HTTP/2 every request shares the one connection the first request opened.
/// </summary>
internal sealed class Http2Handler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        return base.SendAsync(request, cancellationToken);
    }
}
