using BulkRegistrar.Dispatch;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Tests.Dispatch;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Tests.Transport;

public sealed class BatchSenderTests : IAsyncLifetime
{
    private const string Id = "63278c5c-cbfe-55cb-a8e6-20cb90256fb2";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{Id}}", "userPrincipalName": "oliver.brown@contoso.com", "usageLocation": "GB",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "+44 7400123456" } ] },
          { "id": "5b1a0c7e-0000-4000-8000-000000000003", "userPrincipalName": "anna_fabrikam.com#EXT#@contoso.onmicrosoft.com" },
          { "id": "5b1a0c7e-0000-4000-8000-000000000004", "userPrincipalName": "$admin@contoso.com" } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Every_item_of_a_batch_gets_its_own_answer_and_all_share_one_client_request_id()
    {
        var sender = new BatchSender(_graph.Client);

        var results = await sender.SendAsync([
            new GraphCall(_graph.Requests.GetUser("oliver.brown@contoso.com"), IsWrite: false),
            new GraphCall(_graph.Requests.GetUser("ghost@contoso.com"), IsWrite: false),
            new GraphCall(PhoneList.Instance.Request(_graph.Requests, Id), IsWrite: false),
        ], CancellationToken.None);

        Assert.Equal([200, 404, 200], results.Select(r => r.Status));
        Assert.Contains(Id, results[0].Body!, StringComparison.Ordinal);
        Assert.Contains("+44 7400123456", results[2].Body!, StringComparison.Ordinal);
        Assert.Equal("Request_ResourceNotFound", results[1].Error.Code);
        Assert.All(results, r => Assert.NotNull(r.RequestId));
        var clientRequestId = Assert.Single(results.Select(r => r.ClientRequestId).Distinct());
        var items = _graph.Emulator.GetRequestLog().Where(e => e.BatchRequestId is not null).ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, e => Assert.Equal(clientRequestId, e.ClientRequestId));
        Assert.Equal(1, _graph.Emulator.GetStats().BatchEnvelopes);
    }

    [Fact]
    public async Task Budget_429s_inside_a_200_batch_close_the_gate_where_the_answer_arrives_before_the_sender_returns()
    {
        _graph.Emulator.SetThrottling("entra-L", overrides: new GraphEmulator.ThrottlingOverrides { WriteCapacity = 1, WriteRefillPerSecond = 0.01 });
        var writes = new[] { Id, "5b1a0c7e-0000-4000-8000-000000000003", "5b1a0c7e-0000-4000-8000-000000000004" }
            .Select(user =>
                new GraphCall(
                    _graph.Requests.Client.Users[user].Authentication.EmailMethods.ToPostRequestInformation(
                        new Microsoft.Graph.Models.EmailAuthenticationMethod { EmailAddress = "someone@example.com" }),
                    IsWrite: true)).ToList();

        var results = await new BatchSender(_graph.Client).SendAsync(writes, CancellationToken.None);

        // The sender itself never touches the gate: the envelope layer read the 200 and held writes for everyone.
        Assert.Contains(results, r => r.IsThrottled && r.BudgetKinds == RequestKinds.Writes && r.RetryAfter is not null);
        Assert.Equal(RequestKinds.Reads, _graph.Transport.Gate.Open(RequestKinds.All));
    }

    [Theory]
    [InlineData("anna_fabrikam.com#EXT#@contoso.onmicrosoft.com")]
    [InlineData("$admin@contoso.com")]
    public async Task A_upn_with_characters_urls_treat_specially_reaches_Graph_intact(string upn)
    {
        var call = new GraphCall(_graph.Requests.GetUser(upn), IsWrite: false);

        var result = Assert.Single(await new BatchSender(_graph.Client).SendAsync([call], CancellationToken.None));

        Assert.Equal(200, result.Status);
        Assert.Contains(upn.Replace("$", "\\u0024", StringComparison.Ordinal), result.Body!.Replace("$", "\\u0024", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }
}
