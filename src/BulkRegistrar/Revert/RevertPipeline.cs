using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Revert;

/// <summary>
/// revert, wired: the steps read from the apply run's audit → one <see cref="UserReverter"/> per user,
/// many side by side so batches fill, on apply's dispatch path (batcher, shared throttle gate, pacer,
/// Polly) → the revert's own audit.
/// </summary>
/// <param name="intents">revert (not --plan): the write-ahead journal each batch's writes are recorded in before it leaves.</param>
internal sealed class RevertPipeline(TransportOptions dispatch, bool write, TimeProvider time, IntentJournal? intents = null)
{
    /// <summary>A revert is safe to run again: what it already undid comes out Unchanged.</summary>
    public const string RunAgain = "run the revert again (what is already undone comes out Unchanged)";

    private GraphTransport? _session;

    public DispatchStats Stats => _session?.Stats ?? new();

    public ThrottleGate? Gate => _session?.Gate;

    /// <summary>summary.json's <c>abortCause</c> when the revert was aborted, as apply's.</summary>
    public string? AbortCause => _session?.Aborted?.Name;

    /// <returns>The reason the revert was aborted (authentication failure), or null.</returns>
    public async Task<string?> RunAsync(RevertSource.Plan plan, GraphTarget target, AuditStage<IReadOnlyList<AuditRecord>> audit, CancellationToken stop)
    {
        var session = _session = new GraphTransport(target, dispatch, time, new TransportRun { Stop = stop, Writes = write, Intents = intents });
        // As apply: once the revert's own audit cannot be written, nothing more is sent.
        audit.WhenFailed((path, e) => session.Abort(EvidenceFailure.Abort(path, e, RunAgain)));
        var reverter = new UserReverter(session.Executor, session.Requests, write);
        if (plan.Settled.Count > 0)
        {
            await audit.Accept(plan.Settled, CancellationToken.None); // every step reaches the audit, stopping or not
        }

        var workers = Math.Max(1, dispatch.Concurrency) * BatchSender.MaxBatchSize * 2;
        await Parallel.ForEachAsync(plan.Users, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (steps, _) =>
            await audit.Accept(await reverter.RunAsync(steps), CancellationToken.None));
        return (await session.CompleteAsync())?.Reason;
    }
}
