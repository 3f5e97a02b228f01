using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Graph;

namespace BulkRegistrar.Revert;

/// <summary>
/// revert, wired: the steps read from the apply run's audit → one <see cref="UserReverter"/> per user,
/// many side by side so batches fill, on apply's dispatch path (batcher, shared throttle gate, pacer,
/// Polly) → the revert's own audit.
/// </summary>
internal sealed class RevertPipeline(DispatchOptions dispatch, bool write, TimeProvider time)
{
    public DispatchStats Stats { get; } = new();

    public ThrottleGate? Gate { get; private set; }

    /// <returns>The reason the revert was aborted (authentication failure), or null.</returns>
    public async Task<string?> RunAsync(RevertSource.Plan plan, GraphTarget target, AuditStage<IReadOnlyList<AuditRecord>> audit, CancellationToken stop)
    {
        Gate = new ThrottleGate(time);
        var graph = GraphClientBuilder.Create(target, HttpResilience.Create(Gate, time, target.TimeCompression));
        var batcher = new Batcher(new BatchSender(graph), Gate, new BudgetPacer(time, dispatch.Budget, target.TimeCompression),
            new ConcurrencyLimit(dispatch.Concurrency), Stats, stop);
        var reverter = new UserReverter(new GraphExecutor(batcher.SubmitAsync, time, Stats, dispatch, target.TimeCompression), new GraphRequests(graph), write);
        if (plan.Settled.Count > 0)
        {
            await audit.Accept(plan.Settled);
        }

        var workers = Math.Max(1, dispatch.Concurrency) * BatchSender.MaxBatchSize * 2;
        await Parallel.ForEachAsync(plan.Users, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (steps, _) =>
            await audit.Accept(await reverter.RunAsync(steps)));
        await batcher.CompleteAsync();
        return batcher.AbortReason;
    }
}
