using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using Microsoft.Graph;

namespace BulkRegistrar.Transport;

/// <summary>
/// The transport to Graph, built in this one place for every verb (plan and apply through <c>ImportPipeline</c>, export,
/// revert) and every test that talks to an emulator: the SDK client with the envelope resilience in place of its
/// RetryHandler (<see cref="GraphClientBuilder"/>, <see cref="HttpResilience"/>), the shared <see cref="ThrottleGate"/>, the
/// <see cref="BudgetPacer"/>, the adaptive <see cref="ConcurrencyLimit"/>, the <c>$batch</c> client (<see cref="Batcher"/>,
/// <see cref="BatchSender"/>) and the per-item retry (<see cref="GraphExecutor"/>). How they fit: docs/sdk-notes.md §4.1.
/// </summary>
internal sealed class GraphTransport
{
    public GraphTransport(GraphTarget target, TransportOptions options, TimeProvider time, TransportRun? run = null)
    {
        run ??= new TransportRun();
        var k = target.TimeCompression;
        Stats = run.Stats;
        Gate = new ThrottleGate(time);
        Pacer = new BudgetPacer(time, options.Budget, k);
        Concurrency = new ConcurrencyLimit(options.Concurrency) { SlowAfter = ConcurrencyLimit.SlowBatch / k };
        Graph = GraphClientBuilder.Create(target, HttpResilience.Create(options, Gate, time, k, run.Log, run.Stop, run.Randomizer, run.RetryAfters));
        var access = new GraphAccess(run.TokenRoles ?? Task.FromResult<IReadOnlySet<string>?>(null), run.Writes);
        Batcher = new Batcher(new BatchSender(Graph), Gate, Pacer, Concurrency, Stats, run.Stop, access, run.Log, time, options.DrainTime,
            run.StopNow, run.Intents);
        Executor = new GraphExecutor(Batcher.SubmitAsync, time, Stats, options, k, run.Stop, run.Randomizer);
        Requests = new GraphRequests(Graph);
    }

    public GraphServiceClient Graph { get; }

    public GraphRequests Requests { get; }

    public GraphExecutor Executor { get; }

    public Batcher Batcher { get; }

    public DispatchStats Stats { get; }

    public ThrottleGate Gate { get; }

    public BudgetPacer Pacer { get; }

    public ConcurrencyLimit Concurrency { get; }

    /// <summary>Cancelled once nothing more will be sent (a stop, or an abort): for waits of a run's own, which end with it.</summary>
    public CancellationToken Stopping => Batcher.Stopping;

    /// <summary>The first cause that stopped sending, or null.</summary>
    public RunAbort? Aborted => Batcher.Aborted;

    /// <summary>Stops sending (the verb's evidence cannot be kept, or the pre-flight refused): every call not yet sent fails as not sent.</summary>
    public void Abort(RunAbort abort) => Batcher.Abort(abort);

    /// <summary>Sends what is queued and waits for every batch.</summary>
    /// <returns>Why sending was stopped (no connection, no token, 401/403, evidence unwritable), or null.</returns>
    public async Task<RunAbort?> CompleteAsync()
    {
        await Batcher.CompleteAsync();
        return Batcher.Aborted;
    }
}

/// <summary>How one verb's run uses the transport; the defaults are a run that is never stopped and only reads.</summary>
internal sealed record TransportRun
{
    /// <summary>The first Ctrl+C/SIGTERM: nothing new is sent; batches in flight are awaited up to Dispatch:DrainTime.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>The second signal: batches in flight are no longer awaited (their writes end as OutcomeUnknown).</summary>
    public CancellationToken StopNow { get; init; }

    /// <summary>The verb writes: a 403 then names the write permission.</summary>
    public bool Writes { get; init; }

    /// <summary>run.log of the verb, when it has a run folder.</summary>
    public Serilog.ILogger Log { get; init; } = Serilog.Core.Logger.None;

    /// <summary>A verb that writes: the write-ahead journal every batch's writes are recorded in before it leaves.</summary>
    public IntentJournal? Intents { get; init; }

    /// <summary>A verb that writes into a run folder: where the latest Retry-After's end is kept for <c>apply --resume</c>.</summary>
    public RetryAfterMark? RetryAfters { get; init; }

    /// <summary>The <c>roles</c> of the app's token once the pre-flight has read them: they explain a 403.</summary>
    public Task<IReadOnlySet<string>?>? TokenRoles { get; init; }

    /// <summary>Where the counts go; the verb's own when it shows them while the run goes on.</summary>
    public DispatchStats Stats { get; init; } = new();

    /// <summary>The retry layers' jitter (Polly's <c>Randomizer</c>, a number in [0, 1)); null: Polly's own. Tests fix it.</summary>
    public Func<double>? Randomizer { get; init; }
}
