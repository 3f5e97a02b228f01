using System.Threading.Channels;
using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar;

/// <summary>
/// The stage order of every verb, in one place: reader → validator and duplicate rules → (plan and
/// apply only: desired state → per-user resolve/plan/dispatch) → audit, connected by bounded channels
/// so memory stays flat however large the file. validate stops after validation (<see cref="ValidateAsync"/>).
/// For plan and apply, cells validation settles go straight to the audit; the rest become one desired
/// state per user, and a few hundred users are worked on at once so that batches fill.
/// </summary>
internal sealed partial class ImportPipeline(PipelineSettings settings, TimeProvider time, Serilog.ILogger log)
{
    /// <summary>Judges every row, and later the numbers that waited for the user's usageLocation.</summary>
    private readonly RowValidator _validator = new(settings.Methods ?? MethodDefaults.None);

    /// <summary>Plan's and apply's: keeps the young generation small while the file is read and while its users are worked on.</summary>
    private readonly YoungGenerationPacer _young = YoungGenerationPacer.ForProcess(YoungGenerationPacer.GraphRunBudget);

    public DispatchStats Stats { get; } = new();

    public ThrottleGate? Gate { get; private set; }

    public BudgetPacer? Pacer { get; private set; }

    /// <summary>Apply's write-first choices (how many users were written first, how many of those Graph refused); null in plan.</summary>
    public WriteFirstPolicy? WriteFirst { get; private set; }

    public ConcurrencyLimit? Concurrency { get; private set; }

    public ValidationStage? Validation { get; private set; }

    /// <summary>--verify's counts (records re-read and confirmed, and mismatches).</summary>
    public VerifyStats Verified { get; } = new();

    public long UsersDone => Interlocked.Read(ref _usersDone);

    private long _usersDone;
    private Preflight? _preflight;
    private PolicyGate? _policy;

    /// <summary>Why the run went on without (part of) the methods policy's predictions (not readable, no permission); null when none.</summary>
    public string? PolicyWarning => _preflight?.PolicyWarning;

    /// <param name="stop">The first Ctrl+C/SIGTERM: nothing new is sent; batches in flight are awaited up to Dispatch:DrainTime.</param>
    /// <param name="stopNow">The second signal: batches in flight are no longer awaited (their writes end as OutcomeUnknown).</param>
    /// <returns>Why the run was stopped before its end (no connection, no token, 401/403 from Graph), or null.</returns>
    public async Task<RunAbort?> RunAsync(CsvRowReader indexReader, CsvRowReader mainReader, GraphTarget target, AuditStage<IReadOnlyList<AuditRecord>> audit,
        CancellationToken stop, CancellationToken stopNow = default)
    {
        // The token's roles explain a 403 later; the pre-flight reads them before the first row is sent.
        var roles = new TaskCompletionSource<IReadOnlySet<string>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new GraphTransport(target, settings.Dispatch, time, new TransportRun
        {
            Stop = stop, StopNow = stopNow, Writes = settings.Apply, Log = log, Intents = settings.Intents, TokenRoles = roles.Task, Stats = Stats,
            RetryAfters = settings.RetryAfters,
        });
        (Gate, Pacer, Concurrency) = (transport.Gate, transport.Pacer, transport.Concurrency);
        // A resume whose journal has writes sent without a recorded answer reads every user first: such a write may have landed.
        WriteFirst = settings.Apply ? new WriteFirstPolicy(settings.Resume?.Unanswered > 0 ? WriteFirstMode.Never : settings.Dispatch.WriteFirst) : null;
        var (graph, executor, requests) = (transport.Graph, transport.Executor, transport.Requests);
        // The audit is the contract: once it cannot be written, nothing more is sent (not only noticed at the end).
        audit.WhenFailed((path, e) => transport.Abort(EvidenceFailure.Abort(path, e, settings.Apply ? null : "run plan again")));
        var extras = new ApplyExtras(settings.Handoff,
            new SecretOperations(settings.Handoff, time, target.TimeCompression, settings.Dispatch.MaxRetryTime, stop, settings.Passwords) { Qr = settings.Qr },
            new ReadBack(executor, time, target.TimeCompression, stop), settings.Verify, Verified);
        var newUsers = settings.Dispatch.NewUserWindow > TimeSpan.Zero
            ? new NewUserWindow(settings.Dispatch.NewUserWindow, time, target.TimeCompression, transport.Stopping)
            : null;
        var applier = new UserApplier(new UserResolver(executor, requests, settings.Handoff?.ByManager == true, newUsers), _validator,
            new CurrentMethodsReader(executor, requests, time),
            new Planner(settings.OnConflict, settings.Replace, time, settings.Methods?.Beta == true), settings.Apply
                ? new PlanExecutor(executor, requests, new ChangeBudget(settings.MaxChanges), extras) : null,
            settings.Handoff, WriteFirst, settings.Resume, _policy = new PolicyGate(new MemberGroupsReader(executor, requests), settings.Apply,
                settings.ClampTapLifetime));

        // Pre-flight: a full run has work for Graph from its first row, so it starts now, beside reading and
        // validation; an incremental or resumed run may have nothing to send, so it asks nothing until a user
        // needs Graph. Either way no user is dispatched before its verdict (checkedOnce), which is applied only then.
        using var preflightUnneeded = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var preflight = _preflight = new Preflight(target, settings.Apply, log) { Policy = PolicyRequest(indexReader) };
        var preflightRun = new Lazy<Task<RunAbort?>>(() => Task.Run(() => preflight.RunAsync(graph, preflightUnneeded.Token)));
        var checkedOnce = new Lazy<Task>(async () =>
        {
            var refused = await preflightRun.Value;
            roles.TrySetResult(preflight.Grants?.Roles);
            _policy.Use(preflight.MethodsPolicy, preflight.GroupsReadable);
            if (refused is not null)
            {
                transport.Abort(refused); // every row from here on is Skipped/RunAborted, exactly as for a mid-run abort
            }
        });
        if (settings.State is null && settings.Resume is null)
        {
            _ = preflightRun.Value;
        }

        var users = Channel.CreateBounded<UserWork>(new BoundedChannelOptions(1024) { SingleWriter = true });
        var validation = NewValidation(indexReader, _young);
        // Validation is not cancelled by Ctrl+C: reading the file is local and quick, and every row must
        // still reach the audit (as Cancelled when it was never sent).
        var validating = Task.Run(async () =>
        {
            try
            {
                await validation.RunAsync(indexReader.ReadRows(), mainReader.ReadRows(), async group =>
                {
                    var built = DesiredStateBuilder.Build(group);
                    var records = AuditRecords.Of(built.Settled);
                    var settled = settings.Resume?.Fresh(records) ?? records;
                    if (settled.Count > 0)
                    {
                        await audit.Accept(settled);
                    }

                    if (settings.Resume?.Done(built) == true)
                    {
                        return; // resumed run: the journal already settled every record of this user
                    }

                    if (built.Desired is { } d && (d.Methods.Count > 0 || built.PendingRegions.Count > 0) && settings.Only?.Invoke(built) != false)
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
        var waiting = new List<Task>(); // users waiting to appear (Dispatch:NewUserWindow): they hold no worker
        await Parallel.ForEachAsync(users.Reader.ReadAllAsync(), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (user, _) =>
        {
            if (settings.State?.Unchanged(user) is { } unchanged)
            {
                // every record reaches the audit, stopping or not; incremental: same as last applied, so no Graph call at all
                await audit.Accept(settings.Resume?.Fresh(unchanged) ?? unchanged, CancellationToken.None);
                Interlocked.Increment(ref _usersDone);
                return;
            }

            await checkedOnce.Value;
            var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var work = Task.Run(async () =>
            {
                var records = await applier.RunAsync(user, () => parked.TrySetResult());
                settings.State?.Recorded(user, records);
                await audit.Accept(settings.Resume?.Fresh(records) ?? records, CancellationToken.None); // a stop must not lose records already made
                Interlocked.Increment(ref _usersDone);
                _young.Tick();
            }, CancellationToken.None);
            if (await Task.WhenAny(work, parked.Task) != work)
            {
                lock (waiting)
                {
                    waiting.Add(work);
                }

                return;
            }

            await work;
        });

        await Task.WhenAll(waiting);
        await validating;
        if (preflightRun.IsValueCreated && !checkedOnce.IsValueCreated)
        {
            await preflightUnneeded.CancelAsync(); // no user needed Graph after all (every row invalid): its verdict changes nothing
            await preflightRun.Value;
        }

        var aborted = await transport.CompleteAsync();
        if (WriteFirst?.Counts is { Guesses: > 0 } wf)
        {
            log.Information("Write-first: {Guesses} users sent their creates without a read first; Graph refused {Refused} of them (then read and planned)",
                wf.Guesses, wf.Refused);
        }

        roles.TrySetResult(null);
        return aborted;
    }

    /// <summary>
    /// The policy configurations the pre-flight reads: those of the methods the file's header or a whole-file flag asks for (a file
    /// of phones alone reads no policy and needs no policy permission).
    /// </summary>
    private PolicyRequest? PolicyRequest(CsvRowReader file)
    {
        var flags = settings.Methods ?? MethodDefaults.None;
        var ids = AuthMethods.All.Where(m => m.PolicyConfigurationId is not null
                && (m.AskedByFlags(flags) || m.Columns.Any(c => file.HasColumn(ColumnAliases.FieldOf(c)))))
            .Select(m => m.PolicyConfigurationId!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return ids.Count == 0 ? null : new PolicyRequest(ids, settings.RequirePolicy);
    }
}

/// <summary>The options of one run, resolved from configuration and flags (validate uses <see cref="ValidateOnly"/>).</summary>
/// <param name="Methods">The whole-file method flags (--issue-tap…, --reset-password).</param>
/// <param name="Replace">The methods whose credential a user holds is replaced all the same (--replace-tap).</param>
/// <param name="Handoff">Where passes and generated passwords go (apply); null in plan.</param>
/// <param name="State">Incremental runs: the filter before and the record after per-user dispatch; null for a full run without a store.</param>
/// <param name="Resume">apply --resume: the (line, method) pairs the journal already settled; null for a fresh run.</param>
/// <param name="Intents">apply: the write-ahead journal every batch's writes are recorded in before it leaves.</param>
/// <param name="Qr">apply: QR code + PIN's badge sheet and --new-pins (null: no QrCodePin column).</param>
internal sealed record PipelineSettings(bool Apply, string? Region, ConflictPolicy OnConflict, long? MaxChanges, DispatchOptions Dispatch,
    MethodDefaults? Methods = null, IReadOnlySet<MethodKind>? Replace = null, bool Verify = false, Handoff.HandoffFile? Handoff = null,
    Handoff.ChosenPasswords? Passwords = null, State.IncrementalState? State = null, Resume.ResumedRecords? Resume = null, IntentJournal? Intents = null,
    Methods.QrCodePin.QrRun? Qr = null)
{
    /// <summary>Only these users go to Graph (the reregister guard's count); null: every user.</summary>
    public Func<UserWork, bool>? Only { get; init; }

    /// <summary>apply: the run folder's record of the latest Retry-After's end, for a resume after a kill; null: not kept.</summary>
    public RetryAfterMark? RetryAfters { get; init; }

    /// <summary>--clamp-tap-lifetime: a pass lifetime outside the tenant's bounds is sent at the nearest bound instead of refused.</summary>
    public bool ClampTapLifetime { get; init; }

    /// <summary>--require-policy: a methods policy that cannot be read (or whose groups cannot be) stops the run instead of a warning.</summary>
    public bool RequirePolicy { get; init; }

    /// <summary>validate: only what validation reads (the default region and the whole-file method flags).</summary>
    public static PipelineSettings ValidateOnly(string? region, MethodDefaults methods) =>
        new(Apply: false, region, ConflictPolicy.Skip, MaxChanges: null, new DispatchOptions(), methods);
}
