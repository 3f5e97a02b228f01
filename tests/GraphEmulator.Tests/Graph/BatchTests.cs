using System.Net;
using System.Text;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Graph.Models;

namespace GraphEmulator.Tests.Graph;

[Collection(EmulatorCollection.Name)]
public sealed class BatchTests
{
    private readonly PlainEmulatorFixture _f;
    private readonly GraphServiceClient _graph;

    public BatchTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
        _graph = _f.Client();
    }

    [Fact]
    public async Task A_batch_with_mixed_results_reports_each_items_own_status()
    {
        var batch = new BatchRequestContentCollection(_graph);
        var created = await batch.AddBatchRequestStepAsync(_graph.PostPhone(Users.Plain, "+44 7400555030", AuthenticationPhoneType.Mobile));
        var duplicate = await batch.AddBatchRequestStepAsync(_graph.PostPhone(Users.WithMobile, "+44 7400555031", AuthenticationPhoneType.Mobile));
        var missing = await batch.AddBatchRequestStepAsync(_graph.Users[Users.Missing].Authentication.PhoneMethods.ToGetRequestInformation());
        var listed = await batch.AddBatchRequestStepAsync(_graph.Users[Users.WithAlternate].Authentication.PhoneMethods.ToGetRequestInformation());

        var response = await _graph.Batch.PostAsync(batch);
        var codes = await response.GetResponsesStatusCodesAsync();

        Assert.Equal(HttpStatusCode.Created, codes[created]);
        Assert.Equal(HttpStatusCode.BadRequest, codes[duplicate]);
        Assert.Equal(HttpStatusCode.NotFound, codes[missing]);
        Assert.Equal(HttpStatusCode.OK, codes[listed]);
        var phone = await response.GetResponseByIdAsync<PhoneAuthenticationMethod>(created);
        Assert.Equal("+44 7400555030", phone.PhoneNumber);
        var list = await response.GetResponseByIdAsync<PhoneAuthenticationMethodCollectionResponse>(listed);
        Assert.Equal(2, list.Value!.Count);
    }

    [Fact]
    public async Task A_batch_item_follows_the_same_rules_and_counters_as_a_direct_call()
    {
        var batch = new BatchRequestContentCollection(_graph);
        var id = await batch.AddBatchRequestStepAsync(_graph.PostPhone(Users.WithMobile, "+44 7400555032", AuthenticationPhoneType.Mobile));
        var codes = await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync();

        Assert.Equal(HttpStatusCode.BadRequest, codes[id]);
        var stats = _f.Emulator.GetStats();
        Assert.Equal(1, stats.DuplicateCreateAttempts);
        Assert.Equal(1, stats.BatchItems);
        Assert.Equal(1, stats.RequestsByRoute["POST users/{id}/authentication/phoneMethods"]["400"]);
    }

    [Fact]
    public async Task An_alternate_mobile_chained_after_its_mobile_runs_second_and_gets_424_when_the_mobile_fails()
    {
        // Each chain in its own batch: two chains in one batch are a shape Graph refuses (see BatchShapeTests).
        var first = new BatchRequestContentCollection(_graph);
        await AddChained(first, "m1", "a1", Users.Plain, "+44 7400555033");
        var second = new BatchRequestContentCollection(_graph);
        await AddChained(second, "m2", "a2", Users.Plain2, "+447400555034"); // no space after the country code

        var codes = await (await _graph.Batch.PostAsync(first)).GetResponsesStatusCodesAsync();
        var failed = await (await _graph.Batch.PostAsync(second)).GetResponsesStatusCodesAsync();

        Assert.Equal(HttpStatusCode.Created, codes["m1"]);
        Assert.Equal(HttpStatusCode.Created, codes["a1"]);
        Assert.Equal(HttpStatusCode.BadRequest, failed["m2"]);
        Assert.Equal(HttpStatusCode.FailedDependency, failed["a2"]);
        Assert.Empty(_f.Emulator.GetUserState(Users.Plain2)!.PhoneMethods);
    }

    [Fact]
    public async Task A_batch_of_more_than_twenty_requests_is_rejected_as_a_whole()
    {
        var requests = Enumerable.Range(1, 21).Select(i => new { id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), method = "GET",
            url = "/users/" + Users.Plain });
        using var res = await PostBatch(new { requests });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(0, _f.Emulator.GetStats().BatchItems);
    }

    [Fact]
    public async Task Duplicate_ids_or_a_body_without_content_type_reject_the_batch()
    {
        using var duplicate = await PostBatch(new { requests = new[] { new { id = "a", method = "GET", url = "/users/" + Users.Plain },
            new { id = "A", method = "GET", url = "/users/" + Users.Plain } } });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        using var noHeaders = await PostBatch(new { requests = new[] { new { id = "1", method = "POST",
            url = $"/users/{Users.Plain}/authentication/emailMethods", body = new { emailAddress = "x@outlook.example" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, noHeaders.StatusCode);
    }

    [Fact]
    public async Task The_envelope_is_200_with_numeric_statuses_and_string_headers()
    {
        using var res = await PostBatch(new { requests = new[] { new { id = "1", method = "GET",
            url = $"users/{Users.WithMobile}/authentication/phoneMethods" } } });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var item = doc.RootElement.GetProperty("responses")[0];
        Assert.Equal(JsonValueKind.Number, item.GetProperty("status").ValueKind);
        Assert.Equal(200, item.GetProperty("status").GetInt32());
        Assert.All(item.GetProperty("headers").EnumerateObject(), h => Assert.Equal(JsonValueKind.String, h.Value.ValueKind));
    }

    [Fact]
    public async Task An_unescaped_guest_upn_in_a_batch_url_loses_everything_after_the_hash()
    {
        var batch = new BatchRequestContentCollection(_graph);
        var id = await batch.AddBatchRequestStepAsync(_graph.Users[Users.Guest].Authentication.PhoneMethods.ToGetRequestInformation());
        var codes = await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync();
        Assert.Equal(HttpStatusCode.NotFound, codes[id]); // the SDK unescapes %23 in step urls (docs/sdk-notes.md §2)
    }

    private async Task AddChained(BatchRequestContentCollection batch, string mobileId, string alternateId, string upn, string mobile)
    {
        var m = await _graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(_graph.PostPhone(upn, mobile, AuthenticationPhoneType.Mobile));
        var a = await _graph.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(_graph.PostPhone(upn, "+44 7400555099",
            AuthenticationPhoneType.AlternateMobile));
        batch.AddBatchRequestStep(new BatchRequestStep(mobileId, m!));
        batch.AddBatchRequestStep(new BatchRequestStep(alternateId, a!, [mobileId]));
    }

    private async Task<HttpResponseMessage> PostBatch(object body)
    {
        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueToken(Clients.AllRoles));
        return await http.PostAsync("/v1.0/$batch", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
    }
}
