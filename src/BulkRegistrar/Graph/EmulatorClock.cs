using System.Text.Json;

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

    /// <returns>The emulator's k, or null when nothing answered: the run then starts and its first
    /// batch reports the connection failure with its true cause, like a tenant that cannot be reached.</returns>
    /// <exception cref="UsageException">Something answered, but not as our emulator does.</exception>
    public static async Task<double?> ReadTimeCompressionAsync(Uri emulator, HttpMessageHandler handler, CancellationToken ct) =>
        (await ReadConfigAsync(emulator, handler, ct))?.TimeCompression;

    /// <summary>What the emulator says about itself: k, and which directory it serves (<c>directoryId</c>, new at every start,
    /// reset and reseed; null from an emulator too old to say).</summary>
    public static async Task<(double TimeCompression, string? DirectoryId)?> ReadConfigAsync(Uri emulator, HttpMessageHandler handler, CancellationToken ct)
    {
        using var http = new HttpClient(handler) { Timeout = Timeout };
        var config = new Uri(emulator, "/_emulator/config");
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(config, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException($"{emulator} answered {(int)response.StatusCode} to GET /_emulator/config: it does not look like the "
                    + $"BulkRegistrar Graph emulator.");
            }

            try
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                var k = json.RootElement.GetProperty("timeCompression").GetDouble();
                var directory = json.RootElement.TryGetProperty("directoryId", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return k > 0 ? (k, directory) : throw new FormatException("timeCompression must be positive");
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new UsageException($"{emulator}/_emulator/config did not state a usable timeCompression ({e.Message}); is this the "
                    + $"BulkRegistrar Graph emulator?");
            }
        }
    }
}
