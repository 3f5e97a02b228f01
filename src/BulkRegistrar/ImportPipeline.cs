using System.Threading.Channels;
using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar;

/// <summary>
/// plan and apply, wired in stage order — reader → validator and duplicate rules → per-user
/// resolve/plan/dispatch → audit — connected by bounded channels so memory stays flat however
/// large the file. Rows validation settles go straight to the audit; the rest become one desired
/// state per user, and a few hundred users are worked on at once so that batches fill.
/// </summary>
internal sealed class ImportPipeline(PipelineSettings settings, TimeProvider time, Serilog.ILogger log)
{
    public DispatchStats Stats { get; } = new();

    public ThrottleGate? Gate { get; private set; }

    public BudgetPacer? Pacer { get; private set; }

    public ConcurrencyLimit? Concurrency { get; private set; }

    public ValidationStage? Validation { get; private set; }

    /// <summary>--verify's counts (records re-read and confirmed, and mismatches).</summary>
    public VerifyStats Verified { get; } = new();

    public long UsersDone => Interlocked.Read(ref _usersDone);

    private long _usersDone;

    /// <param name="stop">The first Ctrl+C/SIGTERM: nothing new is sent; batches in flight are awaited up to Dispatch:DrainTime.</param>
    /// <param name="stopNow">The second signal: batches in flight are no longer awaited (their writes end as OutcomeUnknown).</param>
    /// <returns>Why the run was stopped before its end (no connection, no token, 401/403 from Graph), or null.</returns>
    public async Task<RunAbort?> RunAsync(CsvRowReader indexReader, CsvRowReader mainReader, GraphTarget target, AuditStage<IReadOnlyList<AuditRecord>> audit,
        CancellationToken stop, CancellationToken stopNow = default)
    {
        // Fetch the token while the file's first pass runs, instead of on the first request; a failure here
        // shows up, with its true cause, on the first batch. Its roles explain a 403 later.
        var roles = TokenRolesAsync(target, stop);
        Gate = new ThrottleGate(time);
        Pacer = new BudgetPacer(time, settings.Dispatch.Budget, target.TimeCompression);
        Concurrency = new ConcurrencyLimit(settings.Dispatch.Concurrency);
        var graph = GraphClientBuilder.Create(target, HttpResilience.Create(Gate, time, target.TimeCompression, log, stop));
        var batcher = new Batcher(new BatchSender(graph), Gate, Pacer, Concurrency, Stats, stop, new GraphAccess(roles, settings.Apply), log,
            time, settings.Dispatch.DrainTime, stopNow);
        var executor = new GraphExecutor(batcher.SubmitAsync, time, Stats, settings.Dispatch, target.TimeCompression, stop);
        var requests = new GraphRequests(graph);
        var extras = new ApplyExtras(settings.Handoff,
            new SecretOperations(executor, requests, settings.Handoff, time, target.TimeCompression, settings.Dispatch.MaxRetryTime, stop, settings.Passwords),
            new ReadBack(executor, time, target.TimeCompression, stop), settings.Verify, Verified);
        var applier = new UserApplier(executor, requests, new Planner(settings.OnConflict, settings.ReplaceTap), new PhoneNormalizer(),
            new ChangeBudget(settings.MaxChanges), settings.Apply, extras);

        var users = Channel.CreateBounded<DesiredStateBuilder.Result>(new BoundedChannelOptions(1024) { SingleWriter = true });
        Validation = new ValidationStage(new RowValidator(settings.Methods ?? MethodDefaults.None), settings.Region);
        // Validation is not cancelled by Ctrl+C: reading the file is local and quick, and every row must
        // still reach the audit (as Cancelled when it was never sent).
        var validating = Task.Run(async () =>
        {
            try
            {
                await Validation.RunAsync(indexReader.ReadRows(), mainReader.ReadRows(), async group =>
                {
                    var built = DesiredStateBuilder.Build(group);
                    if (built.Settled.Count > 0)
                    {
                        await audit.Accept(built.Settled);
                    }

                    if (built.Desired is { } d && (d.Methods.Count > 0 || built.PendingRegions.Count > 0))
                    {
                        await users.Writer.WriteAsync(built);
                    }
                }, CancellationToken.None);
            }
            finally
            {
                users.Writer.Complete();
            }
        });

        var workers = Math.Max(1, settings.Dispatch.Concurrency) * BatchSender.MaxBatchSize * 2;
        await Parallel.ForEachAsync(users.Reader.ReadAllAsync(), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (user, _) =>
        {
            await audit.Accept(await applier.RunAsync(user));
            Interlocked.Increment(ref _usersDone);
        });

        await validating;
        await batcher.CompleteAsync();
        await roles;
        return batcher.Aborted;
    }

    private async Task<IReadOnlySet<string>?> TokenRolesAsync(GraphTarget target, CancellationToken stop)
    {
        try
        {
            var token = await target.Credential.GetTokenAsync(new Azure.Core.TokenRequestContext([GraphTarget.GraphScope]), stop);
            var roles = GraphAccess.RolesOf(token.Token);
            // The roles, never the token: enough to tell a missing permission from a revoked one.
            log.Information("Access token obtained; application permissions in it: {Roles}", roles is null ? "(not readable)" : string.Join(", ", roles.Order(StringComparer.Ordinal)));
            return roles;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }
}

/// <summary>The options of one plan/apply run, resolved from configuration and flags.</summary>
/// <param name="Methods">The whole-file method flags (--issue-tap…, --reset-password).</param>
/// <param name="Handoff">Where passes and generated passwords go (apply); null in plan.</param>
internal sealed record PipelineSettings(bool Apply, string? Region, ConflictPolicy OnConflict, long? MaxChanges, DispatchOptions Dispatch,
    MethodDefaults? Methods = null, bool ReplaceTap = false, bool Verify = false, Handoff.HandoffFile? Handoff = null,
    Handoff.ChosenPasswords? Passwords = null);
