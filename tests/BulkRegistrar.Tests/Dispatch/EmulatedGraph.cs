using BulkRegistrar.Dispatch;
using BulkRegistrar.Graph;
using GraphEmulator;
using Microsoft.Graph;

namespace BulkRegistrar.Tests.Dispatch;

/// <summary>
/// The dispatch stages' real path to Graph — the SDK client, <see cref="BatchSender"/>, <see cref="Batcher"/>,
/// <see cref="GraphExecutor"/> — against an in-process emulator on 127.0.0.1 over HTTPS, seeded with the
/// users a test names (faults and latency off, k = 50). Tokens come from the emulator's token endpoint.
/// </summary>
internal sealed class EmulatedGraph : IAsyncDisposable
{
    public const double TimeCompression = 50;

    private readonly string _seedPath;

    private EmulatedGraph(string seedPath, RunningEmulator emulator, GraphServiceClient client, Batcher batcher, GraphExecutor executor)
    {
        (_seedPath, Emulator, Client, Batcher, Executor) = (seedPath, emulator, client, batcher, executor);
        Requests = new GraphRequests(client);
    }

    public RunningEmulator Emulator { get; }

    public GraphServiceClient Client { get; }

    public Batcher Batcher { get; }

    public GraphExecutor Executor { get; }

    public GraphRequests Requests { get; }

    /// <param name="users">The seed's <c>users</c> array, as JSON.</param>
    public static async Task<EmulatedGraph> StartAsync(string users, DispatchOptions? options = null)
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
        }, CancellationToken.None);
        var time = TimeProvider.System;
        var gate = new ThrottleGate(time);
        var client = GraphClientBuilder.Create(target, HttpResilience.Create(options, gate, time, TimeCompression, Serilog.Core.Logger.None));
        var stats = new DispatchStats();
        var batcher = new Batcher(new BatchSender(client), gate, new BudgetPacer(time, options.Budget, TimeCompression), new ConcurrencyLimit(options.Concurrency),
            stats, CancellationToken.None, new GraphAccess(Task.FromResult<IReadOnlySet<string>?>(null), apply: true), Serilog.Core.Logger.None, time, options.DrainTime);
        var executor = new GraphExecutor(batcher.SubmitAsync, time, stats, options, TimeCompression);
        return new EmulatedGraph(seed, emulator, client, batcher, executor);
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
