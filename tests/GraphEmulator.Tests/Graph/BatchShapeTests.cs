using System.Net;
using System.Text;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Graph.Models;

namespace GraphEmulator.Tests.Graph;

/// <summary>dependsOn shapes Graph accepts (docs/graph-behaviour.md §5.1) — checked in every profile.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class BatchShapeTests
{
    private readonly PlainEmulatorFixture _f;
    private readonly GraphServiceClient _graph;

    public BatchShapeTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
        _graph = _f.Client();
    }

    [Fact]
    public async Task One_sequential_chain_is_accepted_and_runs_in_order()
    {
        var batch = new BatchRequestContentCollection(_graph);
        await Add(batch, "1", _graph.PostPhone(Users.Plain, "+44 7400555101", AuthenticationPhoneType.Mobile));
        await Add(batch, "2", _graph.PostPhone(Users.Plain, "+44 7400555102", AuthenticationPhoneType.AlternateMobile), "1");
        await Add(batch, "3", _graph.Users[Users.Plain].Authentication.PhoneMethods.ToGetRequestInformation(), "2");

        var response = await _graph.Batch.PostAsync(batch);
        var codes = await response.GetResponsesStatusCodesAsync();

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK], new[] { codes["1"], codes["2"], codes["3"] });
        Assert.Equal(2, (await response.GetResponseByIdAsync<PhoneAuthenticationMethodCollectionResponse>("3")).Value!.Count);
    }

    [Fact]
    public async Task All_depending_on_one_request_is_accepted()
    {
        var batch = new BatchRequestContentCollection(_graph);
        await Add(batch, "root", _graph.PostPhone(Users.Plain, "+44 7400555103", AuthenticationPhoneType.Mobile));
        await Add(batch, "alt", _graph.PostPhone(Users.Plain, "+44 7400555104", AuthenticationPhoneType.AlternateMobile), "root");
        await Add(batch, "office", _graph.PostPhone(Users.Plain, "+44 2071234567", AuthenticationPhoneType.Office), "root");

        var codes = await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync();

        Assert.All(codes.Values, c => Assert.Equal(HttpStatusCode.Created, c));
    }

    [Fact]
    public async Task Chained_and_unchained_requests_mixed_in_one_batch_are_refused_with_graphs_message()
    {
        using var res = await PostBatch(
            Get("a", Users.Plain), Get("b", Users.Plain2, "a"), Get("c", Users.Plain3));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("Batch should be either fully sequential or fully parallel", await res.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _f.Emulator.GetStats().BatchItems);
    }

    [Fact]
    public async Task Two_chains_in_one_batch_are_refused()
    {
        using var res = await PostBatch(Get("a", Users.Plain), Get("b", Users.Plain, "a"), Get("c", Users.Plain2, "b"), Get("d", Users.Plain2, "a"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Fact]
    public async Task A_reference_forward_to_a_later_request_or_to_an_unknown_id_is_refused()
    {
        using var forward = await PostBatch(Get("a", Users.Plain, "b"), Get("b", Users.Plain2));
        using var unknown = await PostBatch(Get("a", Users.Plain), Get("b", Users.Plain2, "zzz"));
        using var itself = await PostBatch(Get("a", Users.Plain, "a"));

        Assert.Equal(HttpStatusCode.BadRequest, forward.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Equal(0, _f.Emulator.GetStats().BatchItems);
    }

    [Fact]
    public async Task An_empty_requests_array_is_refused()
    {
        using var res = await PostBatch();
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    private static Dictionary<string, object> Get(string id, string upn, string? dependsOn = null)
    {
        var step = new Dictionary<string, object> { ["id"] = id, ["method"] = "GET", ["url"] = $"/users/{upn}/authentication/phoneMethods" };
        if (dependsOn is not null)
        {
            step["dependsOn"] = new[] { dependsOn };
        }

        return step;
    }

    private async Task Add(BatchRequestContentCollection batch, string id, Microsoft.Kiota.Abstractions.RequestInformation info, string? dependsOn = null)
    {
        var message = await _graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(info);
        batch.AddBatchRequestStep(new BatchRequestStep(id, message!, dependsOn is null ? null : [dependsOn]));
    }

    private async Task<HttpResponseMessage> PostBatch(params Dictionary<string, object>[] requests)
    {
        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueToken(Clients.AllRoles));
        return await http.PostAsync("/v1.0/$batch", new StringContent(JsonSerializer.Serialize(new { requests }), Encoding.UTF8, "application/json"));
    }
}
