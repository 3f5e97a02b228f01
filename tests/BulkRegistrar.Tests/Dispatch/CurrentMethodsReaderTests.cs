using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods;
using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using GraphEmulator;

namespace BulkRegistrar.Tests.Dispatch;

public sealed class CurrentMethodsReaderTests : IAsyncLifetime
{
    private const string Id = "82369d8f-0bc3-5487-91e1-b4b3194fd264";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{Id}}", "userPrincipalName": "james.garcia@contoso.com", "usageLocation": "US", "smsSignIn": "notAllowedByPolicy",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "+1 4255550100" }, { "phoneType": "office", "phoneNumber": "+1 4255550199x204" } ],
            "emailMethods": [ { "emailAddress": "james@fabrikam.com" } ] } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private static DesiredState Wants(params MethodKind[] methods) =>
        new("james.garcia@contoso.com", [.. methods.Select((m, i) => new DesiredMethod(m, RowAction.Register, "x", i + 2, "x"))]);

    [Fact]
    public async Task Only_the_method_lists_the_file_names_are_read()
    {
        var (current, reads, failure) = await new CurrentMethodsReader(_graph.Executor, _graph.Requests, TimeProvider.System)
            .ReadAsync(Id, Wants(MethodKind.Email));

        Assert.Null(failure);
        Assert.Equal("james@fabrikam.com", EmailList.Instance.In(current!)!.Address);
        Assert.Null(PhoneList.Instance.In(current!));
        var read = Assert.Single(_graph.Received());
        Assert.Contains("/authentication/emailMethods", read, StringComparison.Ordinal);
        Assert.Null(reads.Of(PhoneList.Instance));
        Assert.NotNull(reads.Of(EmailList.Instance)!.RequestId);
    }

    [Fact]
    public async Task Phones_are_read_with_their_sms_sign_in_state_parsed()
    {
        var (current, _, _) = await new CurrentMethodsReader(_graph.Executor, _graph.Requests, TimeProvider.System).ReadAsync(Id, Wants(MethodKind.SmsSignIn));

        Assert.Equal("+1 4255550100", PhoneList.Phone(current!, MethodKind.Mobile)!.Number);
        Assert.Equal(SmsSignInState.NotAllowedByPolicy, PhoneList.Phone(current!, MethodKind.Mobile)!.SmsSignInState);
        Assert.Equal(SmsSignInState.NotSupported, PhoneList.Phone(current!, MethodKind.Office)!.SmsSignInState);
        Assert.Null(EmailList.Instance.In(current!));
    }

    [Fact]
    public async Task A_failed_read_stops_the_user_with_Graphs_answer()
    {
        _graph.Emulator.ScheduleFault(EmulatorFault.Status500, count: 10, pathContains: "phoneMethods");

        var (current, _, failure) = await new CurrentMethodsReader(_graph.Executor, _graph.Requests, TimeProvider.System)
            .ReadAsync(Id, Wants(MethodKind.Mobile, MethodKind.Email));

        Assert.Null(current);
        Assert.Equal(ErrorCodes.GraphError, failure!.Error);
        Assert.Equal("Reading the user's phone methods failed.", failure.Message);
        Assert.Equal(500, failure.Call!.Result.Status);
        Assert.DoesNotContain(_graph.Received(), r => r.Contains("emailMethods", StringComparison.Ordinal));
    }

    [Fact]
    public void A_decision_without_a_write_names_the_request_id_of_the_read_it_rests_on()
    {
        var reads = new MethodReads(new Dictionary<MethodList, CallResult>
        {
            [PhoneList.Instance] = new CallResult(200, null, "phones-read", null, null) { ClientRequestId = "c1" },
            [EmailList.Instance] = new CallResult(200, null, "email-read", null, null),
        });
        var record = new BulkRegistrar.Audit.AuditRecord(2, "u", MethodKind.Email, "a@b.c", "a@b.c", BulkRegistrar.Audit.Outcome.Unchanged, null,
            "Already registered with this value.", null);

        Assert.Equal("email-read", reads.Identify(record).RequestId);
        Assert.Equal("phones-read", reads.Identify(record with { Method = MethodKind.Office }).RequestId);
        Assert.Equal("c1", reads.Identify(record with { Method = MethodKind.Office }).ClientRequestId);
        Assert.Equal("own", reads.Identify(record with { RequestId = "own" }).RequestId);
    }

    [Fact]
    public void A_pass_decision_names_the_request_id_of_the_pass_read_not_of_the_phones()
    {
        var reads = new MethodReads(new Dictionary<MethodList, CallResult>
        {
            [PhoneList.Instance] = new CallResult(200, null, "phones-read", null, null),
            [TapList.Instance] = new CallResult(200, null, "tap-read", null, null),
        });
        var record = new BulkRegistrar.Audit.AuditRecord(2, "u", MethodKind.TemporaryAccessPass, "true", "policy defaults",
            BulkRegistrar.Audit.Outcome.Unchanged);

        Assert.Equal("tap-read", reads.Identify(record).RequestId);
    }

    [Fact]
    public async Task A_list_Graph_answers_404_for_none_reads_as_nothing_registered_not_as_a_failed_read()
    {
        var absent = await ListReader.ReadAsync(_graph.Executor, _graph.Requests, Id, [new MissingList()], together: false);

        Assert.Null(absent.FailedList);
        Assert.Equal(404, absent.Reads.Values.Single().Status);
        Assert.Null(absent.Current!.Of(absent.Reads.Keys.Single()));
    }

    /// <summary>A method read as one object, which Graph answers with 404 when the user has none (here: a user the emulator does not have).</summary>
    private sealed class MissingList() : MethodList<string>("test method")
    {
        public override Microsoft.Kiota.Abstractions.RequestInformation Request(BulkRegistrar.Graph.GraphRequests requests, string id) =>
            PhoneList.Instance.Request(requests, "00000000-0000-4000-8000-00000000dead");

        public override string? Read(string body) => body;

        public override bool IsAbsent(CallResult read) => read.Status == 404;
    }
}
