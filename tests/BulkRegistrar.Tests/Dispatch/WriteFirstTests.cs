using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Dispatch;

/// <summary>
/// Write-first (issue 10, "reads only where they pay"): a new hire's creates go straight to Graph by UPN; a wrong
/// guess is read and planned exactly as a read-first user, so the records come out the same either way.
/// </summary>
public sealed class WriteFirstTests : IAsyncLifetime
{
    private const string NewHire = "0ed1e03a-e3b8-5458-acb1-1fe93a40e708";
    private const string Upn = "louis.durand@contoso.com";
    private const string Registered = "63278c5c-cbfe-55cb-a8e6-20cb90256fb2";
    private const string RegisteredUpn = "oliver.brown@contoso.com";
    private const string WithEmail = "5b7e2c1d-0000-4000-8000-000000000003";
    private const string WithEmailUpn = "ava.jones@contoso.com";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{NewHire}}", "userPrincipalName": "{{Upn}}", "usageLocation": "FR" },
          { "id": "{{Registered}}", "userPrincipalName": "{{RegisteredUpn}}", "usageLocation": "GB",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "+44 7400123456" } ] },
          { "id": "{{WithEmail}}", "userPrincipalName": "{{WithEmailUpn}}", "usageLocation": "GB",
            "emailMethods": [ { "emailAddress": "ava@fabrikam.com" } ] } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private UserApplier Applier(WriteFirstPolicy? policy, ConflictPolicy conflicts = ConflictPolicy.Skip, ChangeBudget? changes = null) =>
        new(new UserResolver(_graph.Executor, _graph.Requests), new RowValidator(),
            new CurrentMethodsReader(_graph.Executor, _graph.Requests, TimeProvider.System),
            new Planner(conflicts), new PlanExecutor(_graph.Executor, _graph.Requests, changes ?? new ChangeBudget(null),
                ApplyExtras.None with { ReadBack = _graph.ReadBack() }),
            writeFirst: policy);

    private static UserWork Work(string user, params DesiredMethod[] methods) => new(new DesiredState(user, methods), [], []);

    [Fact]
    public async Task A_new_hires_mobile_is_created_by_upn_without_a_lookup_or_a_read()
    {
        var records = await Applier(new WriteFirstPolicy(WriteFirstMode.Always)).RunAsync(Work(Upn, Want(MethodKind.Mobile, "+33 612345678")));

        var mobile = Assert.Single(records);
        Assert.Equal((Outcome.Created, "Registered.", 201), (mobile.Outcome, mobile.Message, mobile.HttpStatus));
        Assert.Equal(["POST /users/louis.durand%40contoso.com/authentication/phoneMethods"], _graph.Received());
        Assert.Equal("+33 612345678", Assert.Single(_graph.Emulator.GetUserState(NewHire)!.PhoneMethods).PhoneNumber);
    }

    [Fact]
    public async Task A_create_refused_as_already_there_is_read_and_planned_with_the_same_record_as_read_first()
    {
        var work = Work(RegisteredUpn, Want(MethodKind.Mobile, "+44 7400123456"));

        var guessed = Assert.Single(await Applier(new WriteFirstPolicy(WriteFirstMode.Always)).RunAsync(work));
        var read = Assert.Single(await Applier(null).RunAsync(work));

        Assert.Equal((Outcome.Unchanged, "Already registered with this value."), (guessed.Outcome, guessed.Message));
        Assert.Equal((read.Outcome, read.Message, read.Error), (guessed.Outcome, guessed.Message, guessed.Error));
        Assert.Equal(0, _graph.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_different_number_already_registered_is_a_Conflict_and_is_not_overwritten()
    {
        var record = Assert.Single(await Applier(new WriteFirstPolicy(WriteFirstMode.Always)).RunAsync(Work(RegisteredUpn,
            Want(MethodKind.Mobile, "+44 7400999999"))));

        Assert.Equal(Outcome.Conflict, record.Outcome);
        Assert.Equal("+44 7400123456", Assert.Single(_graph.Emulator.GetUserState(Registered)!.PhoneMethods).PhoneNumber);
    }

    [Fact]
    public async Task With_on_conflict_update_a_refused_create_becomes_an_update_after_the_read()
    {
        var record = Assert.Single(await Applier(new WriteFirstPolicy(WriteFirstMode.Always),
            ConflictPolicy.Update).RunAsync(Work(RegisteredUpn, Want(MethodKind.Mobile, "+44 7400999999"))));

        Assert.True(record.Outcome == Outcome.Updated, record.Message);
        Assert.Equal("+44 7400999999", Assert.Single(_graph.Emulator.GetUserState(Registered)!.PhoneMethods).PhoneNumber);
    }

    [Fact]
    public async Task A_user_the_tenant_does_not_have_is_NotFound_as_with_a_lookup()
    {
        var record = Assert.Single(await Applier(new WriteFirstPolicy(WriteFirstMode.Always)).RunAsync(Work("ghost@contoso.com",
            Want(MethodKind.Mobile, "+33 612345678"))));

        Assert.Equal((Outcome.NotFound, ErrorCodes.NotFound), (record.Outcome, record.Error));
    }

    [Fact]
    public async Task The_writes_that_went_through_before_a_refusal_keep_their_records_and_the_rest_is_planned_from_a_read()
    {
        // The guess sends the mobile first; Graph refuses it (already there), so the office is planned from a read.
        var records = await Applier(new WriteFirstPolicy(WriteFirstMode.Always)).RunAsync(
            Work(RegisteredUpn, Want(MethodKind.Office, "+44 2079460000"), Want(MethodKind.Mobile, "+44 7400123456")));

        Assert.Equal([(MethodKind.Mobile, Outcome.Unchanged), (MethodKind.Office, Outcome.Created)],
            records.Select(r => (r.Method, r.Outcome)).OrderBy(r => r.Method));
        Assert.Equal(1, _graph.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task After_a_refused_guess_only_the_methods_still_open_are_read_and_planned()
    {
        // The mobile goes through; the e-mail is refused (already there): only the e-mail list is read, once, and planned.
        var records = await Applier(new WriteFirstPolicy(WriteFirstMode.Always)).RunAsync(
            Work(WithEmailUpn, Want(MethodKind.Email, "ava@fabrikam.com"), Want(MethodKind.Mobile, "+44 7400555555")));

        Assert.Equal([(MethodKind.Mobile, Outcome.Created), (MethodKind.Email, Outcome.Unchanged)], records.Select(r => (r.Method, r.Outcome)));
        var reads = _graph.Received().Where(r => r.StartsWith("GET", StringComparison.Ordinal)
            && r.Contains("/authentication/", StringComparison.Ordinal)).ToList();
        Assert.Equal("emailMethods", Assert.Single(reads).Split('/')[^1]);
    }

    [Fact]
    public async Task A_refused_guess_gives_its_place_back_to_max_changes()
    {
        var changes = new ChangeBudget(1);

        var first = Assert.Single(await Applier(new WriteFirstPolicy(WriteFirstMode.Always), ConflictPolicy.Update,
            changes).RunAsync(Work(RegisteredUpn, Want(MethodKind.Mobile, "+44 7400999999"))));

        Assert.Equal(Outcome.Updated, first.Outcome);
        Assert.False(changes.TryReserve());
    }

    [Theory]
    [InlineData("guest_fabrikam.com#EXT#@contoso.onmicrosoft.com")]
    [InlineData("$admin@contoso.com")]
    public void A_upn_that_needs_a_lookup_to_address_is_never_written_first(string upn) =>
        Assert.False(WriteFirstPolicy.Eligible(Work(upn, Want(MethodKind.Mobile, "+33 612345678"))));

    [Fact]
    public void A_user_the_file_addresses_by_object_id_is_read_first_so_the_upn_is_checked_before_any_write()
    {
        var work = Work(Upn, Want(MethodKind.Mobile, "+33 612345678"));

        Assert.True(WriteFirstPolicy.Eligible(work));
        Assert.False(WriteFirstPolicy.Eligible(work with { Desired = work.Desired! with { ObjectId = "4f1d2c3b-8a9e-4b7c-9d10-2e3f4a5b6c7d" } }));
    }

    [Fact]
    public void Removals_sms_sign_in_passes_and_numbers_waiting_for_a_region_are_read_first()
    {
        Assert.False(WriteFirstPolicy.Eligible(Work(Upn, new DesiredMethod(MethodKind.Mobile, RowAction.Remove, null, 2, "*"))));
        Assert.False(WriteFirstPolicy.Eligible(Work(Upn, Want(MethodKind.Mobile, "+33 612345678"), Want(MethodKind.SmsSignIn, "enable"))));
        Assert.False(WriteFirstPolicy.Eligible(Work(Upn, Want(MethodKind.TemporaryAccessPass, "tap"))));
        var pending = new PendingRegion(new DesiredMethod(MethodKind.Office, RowAction.Register, null, 3, "01 23 45 67 89"),
            new JudgedCell(3, Upn, RowAction.Register, new MethodCheck(MethodKind.Office, "01 23 45 67 89", null, ErrorCodes.MissingRegion, "No region.")));
        Assert.False(WriteFirstPolicy.Eligible(new UserWork(new DesiredState(Upn, [Want(MethodKind.Mobile, "+33 612345678")]), [], [pending])));
        Assert.True(WriteFirstPolicy.Eligible(Work(Upn, Want(MethodKind.Mobile, "+33 612345678"), Want(MethodKind.Email, "l@fabrikam.com"))));
    }

    [Fact]
    public async Task Auto_reads_the_first_users_and_the_others_wait_for_their_verdict()
    {
        var policy = new WriteFirstPolicy(WriteFirstMode.Auto);
        var work = Work(Upn, Want(MethodKind.Mobile, "+33 612345678"));
        for (var i = 0; i < WriteFirstPolicy.Probe; i++)
        {
            Assert.False(await policy.ChooseAsync(work)); // the probe reads first
        }

        var waiting = policy.ChooseAsync(work).AsTask();
        for (var i = 0; i < WriteFirstPolicy.Probe - 1; i++)
        {
            policy.Read(allNew: i != 0); // one of the probe already had a mobile
            Assert.False(waiting.IsCompleted);
        }

        policy.Read(allNew: true);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await policy.ChooseAsync(work));
    }

    [Fact]
    public async Task The_verdict_comes_as_soon_as_the_rest_of_the_probe_cannot_change_it()
    {
        var work = Work(Upn, Want(MethodKind.Mobile, "+33 612345678"));
        var fresh = new WriteFirstPolicy(WriteFirstMode.Auto);
        var rerun = new WriteFirstPolicy(WriteFirstMode.Auto);
        for (var i = 0; i < WriteFirstPolicy.Probe; i++)
        {
            await fresh.ChooseAsync(work);
            await rerun.ChooseAsync(work);
        }

        var waitingFresh = fresh.ChooseAsync(work).AsTask();
        var waitingRerun = rerun.ChooseAsync(work).AsTask();
        for (var i = 0; i < WriteFirstPolicy.ProbeNew; i++)
        {
            fresh.Read(allNew: true); // seven new of eight: the eighth cannot undo it
        }

        rerun.Read(allNew: false);
        rerun.Read(allNew: false); // two registered of eight: seven new can no longer be reached

        Assert.True(await waitingFresh.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(await waitingRerun.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_rerun_sends_no_guess_because_the_probe_shows_the_users_registered()
    {
        var policy = new WriteFirstPolicy(WriteFirstMode.Auto);
        var work = Work(Upn, Want(MethodKind.Mobile, "+33 612345678"));
        for (var i = 0; i < WriteFirstPolicy.Probe; i++)
        {
            Assert.False(await policy.ChooseAsync(work));
        }

        var waiting = policy.ChooseAsync(work).AsTask();
        for (var i = 0; i < WriteFirstPolicy.Probe; i++)
        {
            policy.Read(allNew: i < WriteFirstPolicy.ProbeNew - 1); // one short of the verdict
        }

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((0L, 0L), policy.Counts);
    }

    [Fact]
    public async Task Auto_turns_to_read_first_when_a_quarter_of_the_guesses_are_refused_and_back_when_reads_show_new_users()
    {
        var policy = new WriteFirstPolicy(WriteFirstMode.Auto);
        var work = Work(Upn, Want(MethodKind.Mobile, "+33 612345678"));
        for (var i = 0; i < WriteFirstPolicy.Probe; i++)
        {
            await policy.ChooseAsync(work);
            policy.Read(allNew: true);
        }

        Assert.True(await policy.ChooseAsync(work));
        for (var i = 0; i < WriteFirstPolicy.Window; i++)
        {
            policy.Guessed(refused: i % 4 == 0); // exactly a quarter
        }

        Assert.False(await policy.ChooseAsync(work));
        for (var i = 0; i < WriteFirstPolicy.Window; i++)
        {
            policy.Read(allNew: i % 5 != 0); // 80 % new: not enough
        }

        Assert.False(await policy.ChooseAsync(work));
        for (var i = 0; i < WriteFirstPolicy.Window; i++)
        {
            policy.Read(allNew: true);
        }

        Assert.True(await policy.ChooseAsync(work));
        Assert.Equal((WriteFirstPolicy.Window, WriteFirstPolicy.Window / 4L), policy.Counts);
    }

    [Fact]
    public async Task Never_reads_first_and_Always_ignores_the_evidence()
    {
        var work = Work(Upn, Want(MethodKind.Mobile, "+33 612345678"));
        Assert.False(await new WriteFirstPolicy(WriteFirstMode.Never).ChooseAsync(work));
        var always = new WriteFirstPolicy(WriteFirstMode.Always);
        for (var i = 0; i < WriteFirstPolicy.Window; i++)
        {
            always.Guessed(refused: true);
        }

        Assert.True(await always.ChooseAsync(work));
    }
}
