using System.Net;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Handlers;

[Collection(EmulatorCollection.Name)]
public sealed class UserAndHeaderTests
{
    private readonly PlainEmulatorFixture _f;

    public UserAndHeaderTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task A_user_is_found_by_upn_and_by_object_id_with_select()
    {
        var graph = _f.Client();
        var byUpn = await graph.Users[Users.Plain].GetAsync(r => r.QueryParameters.Select = ["id", "usageLocation"]);
        Assert.Equal("GB", byUpn!.UsageLocation);

        var byId = await graph.Users[byUpn.Id].GetAsync();
        Assert.Equal(Users.Plain, byId!.UserPrincipalName);
        Assert.Null(byId.UsageLocation); // not in v1.0's default property set
    }

    [Fact]
    public async Task A_dollar_upn_is_resolved_to_its_object_id_through_a_users_filter()
    {
        var page = await _f.Client().Users.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"userPrincipalName eq '{Users.Dollar}'";
            r.QueryParameters.Select = ["id", "userPrincipalName"];
        });
        var user = Assert.Single(page!.Value!);
        Assert.Equal(_f.Emulator.GetUserState(Users.Dollar)!.Id, user.Id);
    }

    [Fact]
    public async Task Listing_users_pages_with_a_next_link()
    {
        var graph = _f.Client();
        var first = await graph.Users.GetAsync(r => r.QueryParameters.Top = 100);
        Assert.Equal(100, first!.Value!.Count);
        Assert.NotNull(first.OdataNextLink);

        var second = await graph.Users.WithUrl(first.OdataNextLink!).GetAsync();
        Assert.Equal(100, second!.Value!.Count);
        Assert.DoesNotContain(second.Value!, u => first.Value!.Any(f => f.Id == u.Id));
    }

    [Fact]
    public async Task Reading_a_user_without_user_read_all_is_refused_with_authorization_request_denied()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => _f.Client(Clients.ReadWrite).Users[Users.Plain].GetAsync());
        Assert.Equal(403, ex.ResponseStatusCode);
        Assert.Equal("Authorization_RequestDenied", ex.Error!.Code);
    }

    [Fact]
    public async Task Every_response_carries_request_id_the_echoed_client_request_id_and_date()
    {
        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueToken(Clients.AllRoles));
        using var req = new HttpRequestMessage(HttpMethod.Get, "/v1.0/users/nobody%40contoso.com/authentication/phoneMethods");
        req.Headers.Add("client-request-id", "5b0c7d1e-0000-4000-8000-000000000001");
        using var res = await http.SendAsync(req);

        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("5b0c7d1e-0000-4000-8000-000000000001", res.Headers.GetValues("client-request-id").Single());
        var requestId = res.Headers.GetValues("request-id").Single();
        Assert.NotNull(res.Headers.Date);
        using var body = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var inner = body.RootElement.GetProperty("error").GetProperty("innerError");
        Assert.Equal(requestId, inner.GetProperty("request-id").GetString());
        Assert.Equal("5b0c7d1e-0000-4000-8000-000000000001", inner.GetProperty("client-request-id").GetString());
        Assert.True(inner.TryGetProperty("date", out _));
    }

    [Fact]
    public async Task A_wrong_verb_answers_405_and_an_unknown_segment_400()
    {
        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueToken(Clients.AllRoles));
        using var put = await http.PutAsync(
            $"/v1.0/users/{Uri.EscapeDataString(Users.WithMobile)}/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
            new StringContent("""{"phoneNumber":"+44 7400555010"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);

        using var unknown = await http.GetAsync($"/v1.0/users/{Uri.EscapeDataString(Users.Plain)}/authentication/fidoThings");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_json_body_with_an_escaped_plus_is_parsed_not_string_matched()
    {
        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueToken(Clients.AllRoles));
        using var res = await http.PostAsync($"/v1.0/users/{Uri.EscapeDataString(Users.Plain)}/authentication/phoneMethods",
            new StringContent("""{"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","phoneNumber":"\u002B44 7400555011","phoneType":"mobile"}""",
                System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        Assert.Contains("\"+44 7400555011\"", await res.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
