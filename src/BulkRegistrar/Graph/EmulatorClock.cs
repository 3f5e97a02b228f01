using System.Net.Sockets;
using System.Text.Json;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Graph;

/// <summary>
/// Learns a standalone emulator's time compression k from its inspection endpoint
/// (<c>GET /_emulator/config</c>, field <c>timeCompression</c>; docs/emulator.md). The pacer and the
/// retry waits scale by k, so a k the client merely assumed would either overrun the budget or
/// crawl; asking the emulator makes the pair impossible to mismatch.
/// </summary>
internal static class EmulatorClock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<double> ReadTimeCompressionAsync(Uri emulator, HttpMessageHandler handler, CancellationToken ct)
    {
        using var http = new HttpClient(handler) { Timeout = Timeout };
        var config = new Uri(emulator, "/_emulator/config");
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(config, ct);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"Cannot connect to the Graph emulator at {emulator}: {Cause(e)}. Start it first (see README: dotnet run --project src/GraphEmulator -- --urls {emulator.GetLeftPart(UriPartial.Authority)}).");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new UsageException($"Cannot connect to the Graph emulator at {emulator}: no answer within {Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException($"{emulator} answered {(int)response.StatusCode} to GET /_emulator/config: it does not look like the BulkRegistrar Graph emulator.");
            }

            try
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                var k = json.RootElement.GetProperty("timeCompression").GetDouble();
                return k > 0 ? k : throw new FormatException("timeCompression must be positive");
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new UsageException($"{emulator}/_emulator/config did not state a usable timeCompression ({e.Message}); is this the BulkRegistrar Graph emulator?");
            }
        }
    }

    /// <summary>The innermost cause in words: refused, no such host, TLS, or the exception's own text.</summary>
    internal static string Cause(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (nothing is listening on that port)",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "the host name does not resolve",
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        System.Security.Authentication.AuthenticationException a => $"the TLS handshake failed ({a.Message})",
        IOException io => $"the connection failed ({io.Message})",
        _ => e.Message,
    };
}
