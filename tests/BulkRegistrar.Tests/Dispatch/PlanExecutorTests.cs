using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using static BulkRegistrar.Tests.Planning.Wanted;

namespace BulkRegistrar.Tests.Dispatch;

/// <summary>The execute stage's own rules — order, dependencies, the guardrail — with Graph's answers scripted per request.</summary>
public sealed class PlanExecutorTests : IDisposable
{
    private const string Id = "0ed1e03a-e3b8-5458-acb1-1fe93a40e708";
    private const string User = "louis.durand@contoso.com";
    private readonly GraphServiceClient _client = new(new HttpClient(), new AnonymousAuthenticationProvider());
    private readonly List<string> _sent = [];

    public void Dispose() => _client.Dispose();

    private static readonly DesiredMethod Mobile = Want(MethodKind.Mobile, "+33 612345678", 2);
    private static readonly DesiredMethod Alternate = Want(MethodKind.AlternateMobile, "+33 612345679", 3);
    private static readonly DesiredMethod Email = Want(MethodKind.Email, "louis@fabrikam.com", 4);

    private static ResolvedUser Resolved() => new(Id, User, "FR");

    /// <summary>Answers each request as <paramref name="answer"/> says, and notes "METHOD last-path-segment".</summary>
    private GraphExecutor Graph(Func<string, CallResult> answer) =>
        new((call, _) =>
        {
            var request = $"{call.Request.HttpMethod} {call.Request.URI.AbsolutePath.Split('/')[^1]}";
            lock (_sent)
            {
                _sent.Add(request);
            }

            return Task.FromResult(answer(request));
        }, TimeProvider.System, new DispatchStats(), new DispatchOptions { MaxAttempts = 1 }, 1);

    private static CallResult Ok(string request) => request.StartsWith("GET", StringComparison.Ordinal)
        ? new CallResult(200, """{ "value": [] }""", "read", null, null)
        : new CallResult(201, "{}", "write", null, null);

    private async Task<IReadOnlyList<AuditRecord>> Execute(GraphExecutor graph, long? maxChanges, params DesiredMethod[] methods)
    {
        var user = Resolved();
        var desired = new DesiredState(User, methods);
        var plan = new Planner(ConflictPolicy.Skip).Plan(desired, Id, CurrentMethods.None);
        var records = new UserRecords(desired, []);
        await new PlanExecutor(graph, new GraphRequests(_client), new ChangeBudget(maxChanges)).ExecuteAsync(user, plan, CurrentMethods.None, records);
        return records.All;
    }

    [Fact]
    public async Task Writes_go_out_one_after_another_in_the_planners_order()
    {
        var records = await Execute(Graph(Ok), null, Email, Alternate, Mobile);

        Assert.Equal(["POST phoneMethods", "POST phoneMethods", "POST emailMethods"], _sent);
        Assert.Equal([MethodKind.Mobile, MethodKind.AlternateMobile, MethodKind.Email], records.Select(r => r.Method));
        Assert.All(records, r => Assert.Equal(Outcome.Created, r.Outcome));
    }

    [Fact]
    public async Task An_alternate_is_not_sent_when_the_mobile_it_needs_was_refused()
    {
        var records = await Execute(Graph(r => r == "POST phoneMethods" && !_sent.Contains("GET phoneMethods")
            ? new CallResult(400, """{ "error": { "code": "badRequest", "message": "no" } }""", "refused", null, null)
            : Ok(r)), null, Mobile, Alternate, Email);

        Assert.Equal(Outcome.Failed, records.Single(r => r.Method == MethodKind.Mobile).Outcome);
        var alternate = records.Single(r => r.Method == MethodKind.AlternateMobile);
        Assert.Equal((Outcome.Skipped, ErrorCodes.DependencyFailed), (alternate.Outcome, alternate.Error));
        Assert.Equal("Not attempted: it needs the mobile phone, whose registration failed (see that record).", alternate.Message);
        Assert.Equal(Outcome.Created, records.Single(r => r.Method == MethodKind.Email).Outcome);
        Assert.Single(_sent, r => r == "POST phoneMethods");
    }

    [Fact]
    public async Task A_mobile_whose_answer_never_came_holds_the_alternate_back_as_unknown()
    {
        var records = await Execute(Graph(r => r.StartsWith("POST phone", StringComparison.Ordinal) ? CallResult.Unknown("lost") : Ok(r)), null,
            Mobile, Alternate);

        var mobile = records.Single(r => r.Method == MethodKind.Mobile);
        Assert.Equal((Outcome.Failed, ErrorCodes.OutcomeUnknown), (mobile.Outcome, mobile.Error));
        Assert.Null(mobile.HttpStatus);
        Assert.Equal("Not attempted: it needs the mobile phone, and whether that registration landed is unknown (see that record).",
            records.Single(r => r.Method == MethodKind.AlternateMobile).Message);
    }

    [Fact]
    public async Task Writes_past_max_changes_are_not_sent_and_say_the_guardrail_was_reached()
    {
        var records = await Execute(Graph(Ok), 1, Mobile, Email);

        Assert.Equal(["POST phoneMethods"], _sent);
        var email = records.Single(r => r.Method == MethodKind.Email);
        Assert.Equal((Outcome.Skipped, ErrorCodes.GuardrailReached), (email.Outcome, email.Error));
        Assert.Equal("Not attempted: the run reached --max-changes 1 before this write.", email.Message);
    }

    [Fact]
    public async Task A_refused_write_records_Graphs_code_status_and_words()
    {
        var records = await Execute(Graph(r => r.StartsWith("POST", StringComparison.Ordinal)
            ? new CallResult(403, """{ "error": { "code": "accessDenied", "message": "Insufficient privileges." } }""", "req-1", null,
                null) { ClientRequestId = "c-1" }
            : Ok(r)), null, Email);

        var email = Assert.Single(records);
        Assert.Equal((ErrorCodes.GraphError, "accessDenied", 403), (email.Error, email.GraphError, email.HttpStatus));
        Assert.Equal("Graph refused the change. Graph said: Insufficient privileges.", email.Message);
        Assert.Equal(("req-1", "c-1"), (email.RequestId, email.ClientRequestId));
    }
}
