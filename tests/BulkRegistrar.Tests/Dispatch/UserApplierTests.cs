using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Dispatch;

/// <summary>The per-user coordinator: the stages in order, and exactly one record per desired method whatever happens.</summary>
public sealed class UserApplierTests : IAsyncLifetime
{
    private const string NewHire = "0ed1e03a-e3b8-5458-acb1-1fe93a40e708";
    private const string Upn = "louis.durand@contoso.com";
    private const string Registered = "63278c5c-cbfe-55cb-a8e6-20cb90256fb2";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{NewHire}}", "userPrincipalName": "{{Upn}}", "usageLocation": "FR", "smsSignIn": "allowed" },
          { "id": "{{Registered}}", "userPrincipalName": "oliver.brown@contoso.com", "usageLocation": "GB",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "+44 7400123456" } ] } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private UserApplier Applier(bool apply) => new(new UserResolver(_graph.Executor, _graph.Requests), new RowValidator(),
        new CurrentMethodsReader(_graph.Executor, _graph.Requests, TimeProvider.System), new Planner(ConflictPolicy.Skip),
        apply ? new PlanExecutor(_graph.Executor, _graph.Requests, new ChangeBudget(null), ApplyExtras.None with { ReadBack = _graph.ReadBack() }) : null);

    private static UserWork Work(string user, params DesiredMethod[] methods) => new(new DesiredState(user, methods), [], []);

    [Fact]
    public async Task A_user_not_in_the_tenant_gives_each_method_one_NotFound_record_pending_cells_included()
    {
        var pending = new PendingRegion(new DesiredMethod(MethodKind.Office, RowAction.Register, null, 3, "01 23 45 67 89"),
            new JudgedCell(3, "ghost@contoso.com", RowAction.Register, new MethodCheck(MethodKind.Office, "01 23 45 67 "
                + "89", null, ErrorCodes.MissingRegion, "No region.")));
        var work = new UserWork(new DesiredState("ghost@contoso.com", [Want(MethodKind.Mobile, "+33 612345678"), Want(MethodKind.Email, "g@fabrikam.com")]), [],
            [pending]);

        var records = await Applier(apply: true).RunAsync(work);

        Assert.Equal([(2, MethodKind.Mobile), (2, MethodKind.Email), (3, MethodKind.Office)], records.Select(r => (r.Line, r.Method)));
        Assert.All(records, r => Assert.Equal((Outcome.NotFound, ErrorCodes.NotFound, 404), (r.Outcome, r.Error, r.HttpStatus)));
    }

    [Fact]
    public async Task Plan_mode_reads_writes_nothing_and_says_what_apply_would_do()
    {
        var records = await Applier(apply: false).RunAsync(Work(Upn, Want(MethodKind.Mobile, "+33 612345678"), Want(MethodKind.SmsSignIn, "enable")));

        Assert.Equal(["Would register this method.", "Would enable SMS sign-in on the mobile phone."], records.Select(r => r.Message));
        Assert.Equal([Outcome.WouldCreate, Outcome.WouldUpdate], records.Select(r => r.Outcome));
        Assert.Equal(0, _graph.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task Apply_registers_the_mobile_before_enabling_sms_sign_in_and_reads_the_enable_back()
    {
        var records = await Applier(apply: true).RunAsync(Work(Upn, Want(MethodKind.SmsSignIn, "enable", 2), Want(MethodKind.Mobile, "+33 612345678", 2)));

        Assert.Equal([MethodKind.Mobile, MethodKind.SmsSignIn], records.Select(r => r.Method));
        Assert.Equal("Registered.", records[0].Message);
        Assert.Equal("SMS sign-in enabled. Re-reading the mobile showed smsSignInState ready.", records[1].Message);
        Assert.Equal("ready", Assert.Single(_graph.Emulator.GetUserState(NewHire)!.PhoneMethods).SmsSignInState);
    }

    [Fact]
    public async Task A_decision_that_needs_no_write_carries_the_request_id_of_the_read_behind_it()
    {
        var records = await Applier(apply: true).RunAsync(Work("oliver.brown@contoso.com", Want(MethodKind.Mobile, "+44 7400 123456")));

        var mobile = Assert.Single(records);
        Assert.Equal((Outcome.Unchanged, "Already registered with this value."), (mobile.Outcome, mobile.Message));
        var read = _graph.Emulator.GetRequestLog().Last(e => e.Url.Contains("phoneMethods", StringComparison.Ordinal));
        Assert.NotNull(mobile.RequestId);
        Assert.Equal(read.BatchRequestId, mobile.RequestId);
    }

    [Fact]
    public async Task A_stopped_run_still_gives_every_method_exactly_one_record()
    {
        _graph.Batcher.Abort(new RunAbort(AbortCause.GraphUnauthorized, "Graph answered 401."));

        var records = await Applier(apply: true).RunAsync(Work(Upn, Want(MethodKind.Mobile, "+33 612345678"), Want(MethodKind.Email, "l@fabrikam.com")));

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal((Outcome.Skipped, ErrorCodes.RunAborted, "Not sent: the run was stopped. Graph answered "
            + "401."), (r.Outcome, r.Error, r.Message)));
        Assert.Empty(_graph.Received());
    }
}
