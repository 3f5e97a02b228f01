using System.Net;
using System.Text;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Graph.Models;

namespace GraphEmulator.Tests.Graph;

/// <summary>Strict item 1: $batch items without dependsOn run in a seeded order and answer in another one.</summary>
public sealed class StrictBatchTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartStrictAsync(_time);
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Responses_come_back_in_a_different_order_than_sent_and_the_same_seed_repeats_it()
    {
        var sent = Enumerable.Range(1, 6).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var first = await ResponseOrder(sent);
        _emulator.Reset();
        var again = await ResponseOrder(sent);

        Assert.NotEqual(sent, first);
        Assert.Equal(first, again);
        Assert.Equal(sent.Order(), first.Order());
    }

    [Fact]
    public async Task The_sdk_still_correlates_every_shuffled_response_by_id()
    {
        var batch = new BatchRequestContentCollection(_graph);
        var mobile = await batch.AddBatchRequestStepAsync(_graph.Users[Users.WithMobile].Authentication.PhoneMethods.ToGetRequestInformation());
        var none = await batch.AddBatchRequestStepAsync(_graph.Users[Users.Plain].Authentication.PhoneMethods.ToGetRequestInformation());
        var missing = await batch.AddBatchRequestStepAsync(_graph.Users[Users.Missing].Authentication.PhoneMethods.ToGetRequestInformation());

        var response = await _graph.Batch.PostAsync(batch);
        var codes = await response.GetResponsesStatusCodesAsync();

        Assert.Equal(HttpStatusCode.NotFound, codes[missing]);
        Assert.Single((await response.GetResponseByIdAsync<PhoneAuthenticationMethodCollectionResponse>(mobile)).Value!);
        Assert.Empty((await response.GetResponseByIdAsync<PhoneAuthenticationMethodCollectionResponse>(none)).Value!);
    }

    [Fact]
    public async Task Without_dependsOn_an_alternate_sent_after_its_mobile_may_run_first_depending_on_the_seed()
    {
        var outcomes = new HashSet<HttpStatusCode>();
        for (var seed = 0; seed < 12 && outcomes.Count < 2; seed++)
        {
            _emulator.Reset();
            _emulator.SetFaultProfile("strict", seed);
            var batch = new BatchRequestContentCollection(_graph);
            await batch.AddBatchRequestStepAsync(_graph.PostPhone(Users.Plain, "+44 7400555201", AuthenticationPhoneType.Mobile));
            var alternate = await batch.AddBatchRequestStepAsync(_graph.PostPhone(Users.Plain, "+44 7400555202", AuthenticationPhoneType.AlternateMobile));
            outcomes.Add((await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync())[alternate]);
        }

        // Some seeds run the mobile first (alternate 201), others the alternate first (400: it needs a mobile).
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.BadRequest], outcomes.Order());
    }

    [Fact]
    public async Task A_chain_still_runs_in_its_order_under_strict()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            _emulator.Reset();
            _emulator.SetFaultProfile("strict", seed);
            var batch = new BatchRequestContentCollection(_graph);
            var m = await _graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(_graph.PostPhone(Users.Plain, "+44 7400555203",
                AuthenticationPhoneType.Mobile));
            var a = await _graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(_graph.PostPhone(Users.Plain, "+44 7400555204",
                AuthenticationPhoneType.AlternateMobile));
            batch.AddBatchRequestStep(new BatchRequestStep("m", m!));
            batch.AddBatchRequestStep(new BatchRequestStep("a", a!, ["m"]));

            var codes = await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync();

            Assert.Equal(HttpStatusCode.Created, codes["a"]);
        }
    }

    private async Task<List<string>> ResponseOrder(List<string> ids)
    {
        var requests = ids.Select(id => new { id, method = "GET", url = $"/users/{Users.WithMobile}/authentication/phoneMethods" });
        using var http = Clients.Raw(_emulator, _emulator.IssueToken(Clients.AllRoles));
        using var res = await http.PostAsync("/v1.0/$batch", new StringContent(JsonSerializer.Serialize(new { requests }), Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return [.. doc.RootElement.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
    }
}
