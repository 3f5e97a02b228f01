using BulkRegistrar.Dispatch;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Transport;
using GraphEmulator;
using Microsoft.Graph;

namespace BulkRegistrar.Tests.Dispatch;

/// <summary>
/// The dispatch stages' real path to Graph — the transport every verb builds (<see cref="GraphTransport"/>: the SDK
/// client, <see cref="BatchSender"/>, <see cref="Batcher"/>, <see cref="GraphExecutor"/>) — against an in-process emulator
/// on 127.0.0.1 over HTTPS, seeded with the users a test names (faults and latency off, k = 50). Tokens come from the
/// emulator's token endpoint.
/// </summary>
internal sealed class EmulatedGraph : IAsyncDisposable
{
    public const double TimeCompression = 50;

    private readonly string _seedPath;

    private EmulatedGraph(string seedPath, RunningEmulator emulator, GraphTransport transport) =>
        (_seedPath, Emulator, Transport) = (seedPath, emulator, transport);

    public RunningEmulator Emulator { get; }

    /// <summary>Built by the one constructor every verb uses.</summary>
    public GraphTransport Transport { get; }

    public GraphServiceClient Client => Transport.Graph;

    public Batcher Batcher => Transport.Batcher;

    public GraphExecutor Executor => Transport.Executor;

    public GraphRequests Requests => Transport.Requests;

    /// <param name="users">The seed's <c>users</c> array, as JSON.</param>
    /// <param name="host">Emulator options beyond faults and latency off (a strict profile, say).</param>
    public static async Task<EmulatedGraph> StartAsync(string users, DispatchOptions? options = null, Action<GraphEmulatorOptions>? host = null)
    {
        options ??= new DispatchOptions { MaxAttempts = 3 };
        var seed = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(seed, $$"""{ "users": {{users}} }""");
        var (target, emulator) = await TargetFactory.StartEmulatorAsync(new EmulatorOptions
        {
            SeedPath = seed,
            TimeCompression = TimeCompression,
            FaultProfile = "off",
            LatencyProfile = "off",
        }, CancellationToken.None, host);
        var transport = new GraphTransport(target, options, TimeProvider.System, new TransportRun { Writes = true });
        return new EmulatedGraph(seed, emulator, transport);
    }

    public ReadBack ReadBack() => new(Executor, TimeProvider.System, TimeCompression, CancellationToken.None);

    /// <summary>The requests Graph received, as "METHOD path" in order (batch items included, the envelope and token calls left out).</summary>
    public IReadOnlyList<string> Received() => [.. Emulator.GetRequestLog()
        .Where(e => e.Url.Contains("/users", StringComparison.Ordinal))
        .Select(e => $"{e.Method} {e.Url}")];

    public async ValueTask DisposeAsync()
    {
        await Batcher.CompleteAsync();
        Client.Dispose();
        await Emulator.DisposeAsync();
        File.Delete(_seedPath);
    }
}
