using System.Net;
using BulkRegistrar.Tests.Dispatch;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace BulkRegistrar.Tests.Transport;

/// <summary>
/// Graph requests go over HTTP/2 where the server offers it (docs/sdk-notes.md §15): every batch shares one connection, so
/// none opens a connection (a TCP and TLS handshake) after the throttle gate has let it go.
/// </summary>
public sealed class Http2Tests
{
    [Fact]
    public async Task The_graph_client_speaks_HTTP_2_to_a_server_that_offers_it()
    {
        await using var graph = await EmulatedGraph.StartAsync("[]");
        var request = graph.Client.Users.ToGetRequestInformation(c => c.QueryParameters.Top = 1);
        var native = new NativeResponseHandler();
        request.SetResponseHandler(native);

        await graph.Client.RequestAdapter.SendNoContentAsync(request);

        using var response = (HttpResponseMessage)native.Value!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }
}
