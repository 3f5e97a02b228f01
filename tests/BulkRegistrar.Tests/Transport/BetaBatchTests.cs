using BulkRegistrar.Methods.HardwareOath;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Tests.Dispatch;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Tests.Transport;

/// <summary>A beta request (hardware OATH) goes through the one transport, in a beta <c>$batch</c>, never beside v1.0 calls (docs/sdk-notes.md §13).</summary>
public sealed class BetaBatchTests : IAsyncLifetime
{
    private const string Id = "63278c5c-cbfe-55cb-a8e6-20cb90256fb2";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{Id}}", "userPrincipalName": "oliver.brown@contoso.com", "usageLocation": "GB",
            "phoneMethods": [ { "phoneType": "mobile", "phoneNumber": "+44 7400123456" } ] } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Beta_and_v1_calls_submitted_together_are_each_answered_by_their_own_version()
    {
        var beta = new GraphCall(OathList.Instance.Request(_graph.Requests, Id), IsWrite: false);
        var v1 = new GraphCall(PhoneList.Instance.Request(_graph.Requests, Id), IsWrite: false);

        var results = await Task.WhenAll(_graph.Transport.Executor.RunAsync(beta), _graph.Transport.Executor.RunAsync(v1));

        // v1.0 has no hardwareOathMethods segment: a 200 with an empty list is the beta batch's answer.
        Assert.Equal((true, false), (beta.Beta, v1.Beta));
        Assert.Equal([200, 200], results.Select(r => r.Result.Status));
        Assert.Null(OathList.Instance.Read(results[0].Result.Body!));
        Assert.Contains("+44 7400123456", results[1].Result.Body!, StringComparison.Ordinal);
        Assert.Equal(2, _graph.Emulator.GetStats().BatchEnvelopes);
    }
}
