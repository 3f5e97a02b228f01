using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;
using GraphEmulator;

namespace BulkRegistrar.Tests.Dispatch;

public sealed class WriteOperationTests : IAsyncLifetime
{
    private const string NewHire = "0ed1e03a-e3b8-5458-acb1-1fe93a40e708";
    private const string Registered = "63278c5c-cbfe-55cb-a8e6-20cb90256fb2";
    private const string OutsidePolicy = "063a6e20-cf51-5a06-abc7-cc544af06582";
    private const string Number = "+44 7400123456";
    private const string NewNumber = "+44 7400777777";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{NewHire}}", "userPrincipalName": "louis.durand@contoso.com", "usageLocation": "FR" },
          { "id": "{{Registered}}", "userPrincipalName": "oliver.brown@contoso.com", "usageLocation": "GB",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "{{Number}}" } ] },
          { "id": "{{OutsidePolicy}}", "userPrincipalName": "lukas.fischer@contoso.com", "usageLocation": "DE", "smsSignIn": "notAllowedByPolicy",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "+49 15123456789" } ] } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private static PlannedOperation Op(OperationKind kind, MethodKind method, string? value) =>
        new(new DesiredMethod(method, kind == OperationKind.Delete ? RowAction.Remove : RowAction.Register, value, 2, value), kind, value);

    private WriteOperation Write(string id, PlannedOperation op, CurrentMethods? current = null, bool writeFirst = false) =>
        new(new WriteContext(_graph.Executor, _graph.Requests, id, null, current ?? CurrentMethods.None,
            Secrets: null, _graph.ReadBack(), writeFirst), op);

    [Fact]
    public async Task A_create_Graph_accepts_is_Created_and_the_tenant_holds_the_number()
    {
        var result = await Write(NewHire, Op(OperationKind.Create, MethodKind.Mobile, NewNumber)).RunAsync();

        Assert.Equal(Outcome.Created, result.Outcome);
        Assert.Equal("Registered.", result.Message);
        Assert.Equal(201, result.Call.Result.Status);
        Assert.Equal(NewNumber, Assert.Single(_graph.Emulator.GetUserState(NewHire)!.PhoneMethods).PhoneNumber);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_re_read_and_not_sent_again()
    {
        _graph.Emulator.ScheduleFault(EmulatorFault.LostResponse503, count: 1, method: "POST", pathContains: "phoneMethods");

        var result = await Write(NewHire, Op(OperationKind.Create, MethodKind.Mobile, NewNumber)).RunAsync();

        Assert.Equal(Outcome.Created, result.Outcome);
        Assert.True(result.Call.Verified);
        Assert.StartsWith("Done. The first attempt got no clear answer", result.Message, StringComparison.Ordinal);
        Assert.Single(_graph.Received(), r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(0, _graph.Emulator.GetStats().DuplicateCreateAttempts);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_re_read_only_after_the_read_after_write_lag_so_it_is_not_sent_twice()
    {
        // Strict without random faults: a write becomes visible to reads a seeded 0–10 emulated seconds after it landed. A re-read
        // at the retry's base delay (1 s) would not see the lost create yet and the create would go again: a duplicate.
        await using var strict = await EmulatedGraph.StartAsync($$"""[ { "id": "{{NewHire}}", "userPrincipalName": "louis.durand@contoso.com" } ]""",
            new DispatchOptions { MaxAttempts = 3, ReadAfterWriteLag = TimeSpan.FromSeconds(10) },
            o => (o.FaultProfile, o.StrictFaultScale, o.ReadAfterWriteLagSeconds) = ("strict", 0, 10));
        strict.Emulator.ScheduleFault(EmulatorFault.LostResponse503, count: 1, method: "POST", pathContains: "phoneMethods");
        var write = new WriteOperation(new WriteContext(strict.Executor, strict.Requests, NewHire, null, CurrentMethods.None, Secrets: null,
            strict.ReadBack(), WriteFirst: false), Op(OperationKind.Create, MethodKind.Mobile, NewNumber));

        var result = await write.RunAsync();

        Assert.Equal(Outcome.Created, result.Outcome);
        Assert.True(result.Call.Verified);
        Assert.Single(strict.Received(), r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(0, strict.Emulator.GetStats().DuplicateCreateAttempts);
    }

    [Fact]
    public async Task A_write_first_create_whose_answer_was_lost_is_not_claimed_as_created()
    {
        _graph.Emulator.ScheduleFault(EmulatorFault.LostResponse503, count: 1, method: "POST", pathContains: "phoneMethods");

        var result = await Write(NewHire, Op(OperationKind.Create, MethodKind.Mobile, NewNumber), writeFirst: true).RunAsync();

        // It landed (the emulator applied it), but nothing was read before it: the record says what was seen, not whose it is.
        Assert.Equal(Outcome.Unchanged, result.Outcome);
        Assert.StartsWith("Registered with this value, but not claimed as this run's", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, _graph.Emulator.GetUserState(NewHire)!.WritesApplied);
    }

    [Fact]
    public async Task A_write_first_create_refused_as_already_there_is_handed_back_unread()
    {
        var result = await Write(Registered, Op(OperationKind.Create, MethodKind.Mobile, NewNumber), writeFirst: true).RunAsync();

        Assert.True(result.RefusedUnread);
        Assert.DoesNotContain(_graph.Received(), r => r.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_create_refused_as_already_there_that_the_tenant_shows_with_our_value_is_Unchanged()
    {
        // The write-first case: the create goes out without a read, and "already exists" is settled by reading.
        var result = await Write(Registered, Op(OperationKind.Create, MethodKind.Mobile, "+447400123456")).RunAsync();

        Assert.Equal(Outcome.Unchanged, result.Outcome);
        Assert.StartsWith("Already registered with this value: Graph answered 400", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, _graph.Emulator.GetUserState(Registered)!.WritesApplied);
    }

    [Fact]
    public async Task A_create_refused_while_the_tenant_holds_another_number_fails_without_touching_it()
    {
        var result = await Write(Registered, Op(OperationKind.Create, MethodKind.Mobile, "+44 7400999999")).RunAsync();

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.StartsWith("Graph refused the change. Graph said: ", result.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.GraphError, result.Error);
        Assert.Equal(Number, Assert.Single(_graph.Emulator.GetUserState(Registered)!.PhoneMethods).PhoneNumber);
    }

    [Fact]
    public async Task Removing_a_method_that_is_already_gone_is_Unchanged()
    {
        var result = await Write(NewHire, Op(OperationKind.Delete, MethodKind.Office, null)).RunAsync();

        Assert.Equal(Outcome.Unchanged, result.Outcome);
        Assert.Equal("Already absent; nothing to remove.", result.Message);
    }

    [Fact]
    public async Task An_enable_refused_because_the_user_is_outside_the_policy_fails_with_its_own_category()
    {
        var result = await Write(OutsidePolicy, Op(SmsSignInMethod.Enable, MethodKind.SmsSignIn, "enable")).RunAsync();

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(ErrorCodes.SmsSignInNotAllowedByPolicy, result.Error);
        Assert.StartsWith("SMS sign-in is not allowed for this user", result.Message, StringComparison.Ordinal);
    }
}
