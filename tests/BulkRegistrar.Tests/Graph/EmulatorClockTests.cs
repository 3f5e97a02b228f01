using System.Net;
using System.Net.Sockets;
using BulkRegistrar.Cli;
using BulkRegistrar.Graph;

namespace BulkRegistrar.Tests.Graph;

public sealed class EmulatorClockTests
{
    private static readonly Uri Somewhere = new("https://127.0.0.1:5443");

    /// <summary>Answers every request with one canned response: stands in for an https server that is not our emulator.</summary>
    private sealed class Canned(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }

    [Fact]
    public async Task The_emulators_directory_id_is_read_with_its_time_compression_and_is_null_from_an_older_emulator()
    {
        var config = await EmulatorClock.ReadConfigAsync(Somewhere,
            new Canned(HttpStatusCode.OK, """{ "timeCompression": 2, "directoryId": "3f2a" }"""), CancellationToken.None);
        var older = await EmulatorClock.ReadConfigAsync(Somewhere, new Canned(HttpStatusCode.OK, """{ "timeCompression": 2 }"""), CancellationToken.None);

        Assert.Equal((2.0, "3f2a"), config);
        Assert.Equal((2.0, (string?)null), older);
    }

    [Fact]
    public async Task The_emulators_time_compression_is_read_from_its_config_endpoint()
    {
        var k = await EmulatorClock.ReadTimeCompressionAsync(Somewhere, new Canned(HttpStatusCode.OK, """{ "timeCompression": 12.5 }"""),
            CancellationToken.None);

        Assert.Equal(12.5, k);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "{}", "does not look like")]
    [InlineData(HttpStatusCode.OK, """{ "users": 3 }""", "did not state a usable timeCompression")]
    [InlineData(HttpStatusCode.OK, """{ "timeCompression": 0 }""", "did not state a usable timeCompression")]
    [InlineData(HttpStatusCode.OK, "<html>", "did not state a usable timeCompression")]
    public async Task A_server_that_answers_unlike_the_emulator_is_a_usage_error(HttpStatusCode status, string body, string expected)
    {
        var e = await Assert.ThrowsAsync<UsageException>(() =>
            EmulatorClock.ReadTimeCompressionAsync(Somewhere, new Canned(status, body), CancellationToken.None));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_gives_no_k_so_the_run_reports_the_connection_failure_itself()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var k = await EmulatorClock.ReadTimeCompressionAsync(new Uri($"https://127.0.0.1:{port}"), new SocketsHttpHandler(), CancellationToken.None);

        Assert.Null(k);
    }
}
