using BulkRegistrar.Graph;
using Microsoft.Graph;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// apply's dispatch path for the verbs that are not apply (export, revert): the Graph client with its
/// HTTP resilience, the shared throttle gate, the budget pacer, adaptive concurrency, the batcher and the
/// Polly executor, built in this one place so those verbs follow whatever apply's dispatch becomes.
/// </summary>
internal sealed class DispatchSession
{
    private readonly Batcher _batcher;

    /// <param name="write">Whether the verb writes (a 403 then names the write permission).</param>
    /// <param name="log">run.log of the verb, when it has a run folder.</param>
    /// <param name="intents">A verb that writes: the write-ahead journal (see <see cref="Audit.IntentJournal"/>).</param>
    public DispatchSession(GraphTarget target, DispatchOptions dispatch, TimeProvider time, CancellationToken stop, bool write = false, Serilog.ILogger? log = null,
        Audit.IntentJournal? intents = null)
    {
        log ??= Serilog.Core.Logger.None;
        Gate = new ThrottleGate(time);
        Graph = GraphClientBuilder.Create(target, HttpResilience.Create(dispatch, Gate, time, target.TimeCompression, log, stop));
        var roles = Task.FromResult<IReadOnlySet<string>?>(null);
        _batcher = new Batcher(new BatchSender(Graph), Gate, new BudgetPacer(time, dispatch.Budget, target.TimeCompression),
            new ConcurrencyLimit(dispatch.Concurrency), Stats, stop, new GraphAccess(roles, write), log, time, dispatch.DrainTime, intents: intents);
        Executor = new GraphExecutor(_batcher.SubmitAsync, time, Stats, dispatch, target.TimeCompression, stop);
        Requests = new GraphRequests(Graph);
    }

    public DispatchStats Stats { get; } = new();

    public ThrottleGate Gate { get; }

    public GraphServiceClient Graph { get; }

    public GraphExecutor Executor { get; }

    public GraphRequests Requests { get; }

    /// <summary>Stops sending (the verb's evidence cannot be kept): every call not yet sent fails as not sent.</summary>
    public void Abort(RunAbort abort) => _batcher.Abort(abort);

    /// <summary>Sends what is queued and waits for every batch.</summary>
    /// <returns>Why dispatch was stopped (authentication failure), or null.</returns>
    /// <summary>Why sending was stopped (its cause names summary.json's abortCause), or null.</summary>
    public RunAbort? Aborted => _batcher.Aborted;

    public async Task<string?> CompleteAsync()
    {
        await _batcher.CompleteAsync();
        return _batcher.Aborted?.Reason;
    }
}
