using System.Net;
using System.Text;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.CheckMemberGroups;

namespace GraphEmulator.Tests.Graph;

/// <summary>The issue 20/21 endpoints inside $batch (v1.0 and beta), and the fault and write-budget machinery applied to them.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class NewEndpointBatchTests
{
    private readonly PolicyEmulatorFixture _f;

    public NewEndpointBatchTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task Policy_group_manager_and_revoke_calls_answer_inside_a_batch_as_they_do_directly()
    {
        var graph = _f.Client();
        var batch = new BatchRequestContentCollection(graph);
        var policy = await batch.AddBatchRequestStepAsync(graph.Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["TemporaryAccessPass"]
            .ToGetRequestInformation());
        var groups = await batch.AddBatchRequestStepAsync(graph.Users[PolicySeed.NewHire].CheckMemberGroups.ToPostRequestInformation(
            new CheckMemberGroupsPostRequestBody { GroupIds = [PolicySeed.GroupId("TAP users")] }));
        var manager = await batch.AddBatchRequestStepAsync(graph.Users[PolicySeed.NewHire].Manager.ToGetRequestInformation());
        var revoke = await batch.AddBatchRequestStepAsync(graph.Users[PolicySeed.Everything].RevokeSignInSessions.ToPostRequestInformation());
        var late = await batch.AddBatchRequestStepAsync(graph.Users[PolicySeed.Late].ToGetRequestInformation());

        var result = await graph.Batch.PostAsync(batch);
        var statuses = await result.GetResponsesStatusCodesAsync();

        Assert.Equal(HttpStatusCode.OK, statuses[policy]);
        Assert.Equal(HttpStatusCode.OK, statuses[groups]);
        Assert.Equal("Nora Patel", (await result.GetResponseByIdAsync<User>(manager)).DisplayName);
        Assert.Equal(HttpStatusCode.OK, statuses[revoke]);
        Assert.Equal(HttpStatusCode.NotFound, statuses[late]);
        Assert.Equal(1, _f.Emulator.GetUserState(PolicySeed.Everything)!.SessionsRevoked);
        Assert.Equal(5, _f.Emulator.GetStats().BatchItems);
    }

    [Fact]
    public async Task A_beta_batch_carries_hardware_oath_and_qr_calls()
    {
        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueToken(Clients.PolicyRoles));
        var device = _f.Emulator.GetHardwareOathDevices().Single(d => d.SerialNumber == "HW-0009").Id;
        var body = JsonSerializer.Serialize(new
        {
            requests = new object[]
            {
                new { id = "1", method = "POST", url = $"/users/{PolicySeed.OathUser}/authentication/hardwareOathMethods",
                    headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" }, body = new { device = new { id = device } } },
                new { id = "2", method = "GET", url = "/directory/authenticationMethodDevices/hardwareOathDevices?$filter=serialNumber eq 'HW-0009'" },
                new { id = "3", method = "PUT", url = $"/users/{PolicySeed.Frontline}/authentication/qrCodePinMethod",
                    headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
                    body = new { standardQRCode = new { startDateTime = Clocks.EmulatorStart, expireDateTime = Clocks.EmulatorStart.AddDays(90) } } },
            },
        });

        using var response = await http.PostAsync("/beta/$batch", new StringContent(body, Encoding.UTF8, "application/json"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var statuses = doc.RootElement.GetProperty("responses").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!,
            r => r.GetProperty("status").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["1"] = 201, ["2"] = 200, ["3"] = 201 }, statuses);
        Assert.Equal("assigned", _f.Emulator.GetHardwareOathDevices().Single(d => d.Id == device).Status);
        Assert.Single(_f.Emulator.GetQrCodePinSecrets(PolicySeed.Frontline)!.QrCodes);
    }

    [Fact]
    public async Task A_scheduled_fault_hits_a_new_route_and_a_lost_response_still_lands_the_write()
    {
        _f.Emulator.ScheduleFault(EmulatorFault.LostResponse503, pathContains: "qrCodePinMethod");
        var body = JsonSerializer.Serialize(new { standardQRCode = new { startDateTime = Clocks.EmulatorStart,
            expireDateTime = Clocks.EmulatorStart.AddDays(90) } });

        var status = await Sdk.StatusOf(() => _f.Client().SendAsync(Microsoft.Kiota.Abstractions.Method.PUT,
            $"{_f.Emulator.GraphBaseUrl}/users/{PolicySeed.Frontline}/authentication/qrCodePinMethod", body));

        Assert.Equal(503, status);
        Assert.NotNull(_f.Emulator.GetUserState(PolicySeed.Frontline)!.QrCodePin);
        Assert.Equal(1, _f.Emulator.GetStats().LostResponseWrites);
    }

    [Fact]
    public async Task New_writes_spend_the_write_budget_and_reads_do_not()
    {
        _f.Emulator.SetThrottling("entra-L", 1, new ThrottlingOverrides { WriteCapacity = 1, WriteRefillPerSecond = 0.001 });
        try
        {
            var graph = _f.Client();
            var first = await Sdk.StatusOf(() => graph.Users[PolicySeed.Everything].RevokeSignInSessions.PostAsRevokeSignInSessionsPostResponseAsync());
            var read = await Sdk.StatusOf(() => graph.Policies.AuthenticationMethodsPolicy.GetAsync());
            var second = await Sdk.StatusOf(() => graph.Users[PolicySeed.External].RevokeSignInSessions.PostAsRevokeSignInSessionsPostResponseAsync());

            Assert.Equal((200, 200, 429), (first, read, second));
        }
        finally
        {
            _f.Emulator.SetThrottling("off");
        }
    }
}
