using System.Collections.Concurrent;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Status;

/// <summary>
/// status, wired: the pre-flight (a token with <c>User.Read.All</c> and <c>UserAuthenticationMethod.Read.All</c>, one cheap GET)
/// → one <see cref="StatusChecker"/> per user, many side by side so batches fill, on apply's transport (<see cref="GraphTransport"/>:
/// <c>$batch</c> of 20, shared throttle gate, budget pacer, Polly honouring Retry-After) → the audit. Reads only. A refused
/// pre-flight stops the run as apply's does: every user is then <c>Skipped</c>/<c>RunAborted</c>, so every line still ends with a record.
/// </summary>
internal sealed class StatusPipeline(TransportOptions dispatch, TimeProvider time, Serilog.ILogger log)
{
    private GraphTransport? _session;

    public DispatchStats Stats { get; } = new();

    public ThrottleGate? Gate => _session?.Gate;

    /// <summary>summary.json's <c>abortCause</c> when the run was aborted.</summary>
    public string? AbortCause => _session?.Aborted?.Name;

    /// <summary>For a run folder: how many passes the run issued ended each way (<see cref="PassUse"/>' keys).</summary>
    public ConcurrentDictionary<string, long> Passes { get; } = new(StringComparer.Ordinal);

    public long UsersDone => Interlocked.Read(ref _done);

    private long _done;

    /// <returns>The reason the run was aborted (no connection, credential refused, a permission missing), or null.</returns>
    public async Task<string?> RunAsync(StatusSource source, Onboarding onboarding, GraphTarget target, AuditStage<IReadOnlyList<AuditRecord>> audit,
        CancellationToken stop)
    {
        var roles = new TaskCompletionSource<IReadOnlySet<string>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = _session = new GraphTransport(target, dispatch, time,
            new TransportRun { Stop = stop, Log = log, TokenRoles = roles.Task, Stats = Stats });
        audit.WhenFailed((path, e) => session.Abort(EvidenceFailure.Abort(path, e, "run status again")));
        if (source.Settled.Count > 0)
        {
            await audit.Accept(source.Settled, CancellationToken.None);
        }

        if (source.Users.Count > 0)
        {
            var preflight = new Preflight(target, apply: false, log);
            var refused = await preflight.RunAsync(session.Graph, stop);
            roles.TrySetResult(preflight.Grants?.Roles);
            if (refused is not null)
            {
                session.Abort(refused);
            }
        }

        var checker = new StatusChecker(session.Executor, session.Requests, onboarding);
        var workers = Math.Max(1, dispatch.Concurrency) * BatchSender.MaxBatchSize * 2;
        await Parallel.ForEachAsync(source.Users, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (user, _) =>
        {
            var (record, passKey) = await checker.CheckAsync(user);
            if (passKey is not null)
            {
                Passes.AddOrUpdate(passKey, 1, (_, n) => n + 1);
            }

            await audit.Accept([record], CancellationToken.None); // every user reaches the audit, stopping or not
            Interlocked.Increment(ref _done);
        });
        roles.TrySetResult(null);
        return (await session.CompleteAsync())?.Reason;
    }
}
