using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using OtpNet;

namespace GraphEmulator.Tests.Methods;

/// <summary>Hardware OATH (beta): the tenant inventory, assignment, activation by the token's current code, and the rules.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class HardwareOathTests
{
    private readonly PolicyEmulatorFixture _f;

    public HardwareOathTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    private string Devices => _f.Emulator.GraphBetaUrl + "/directory/authenticationMethodDevices/hardwareOathDevices";

    private string Methods(string user) => $"{_f.Emulator.GraphBetaUrl}/users/{Uri.EscapeDataString(user)}/authentication/hardwareOathMethods";

    /// <summary>The code the seeded token shows now (the fixture's clock), as the importer computes it from the secret.</summary>
    private string CodeOf(string serial, int stepsAway = 0)
    {
        var d = PolicySeed.Load().HardwareOathDevices!.Single(x => x.SerialNumber == serial);
        var mode = d.HashFunction == "hmacsha256" ? OtpHashMode.Sha256 : OtpHashMode.Sha1;
        return new Totp(Base32Encoding.ToBytes(d.SecretKey), d.TimeIntervalInSeconds, mode, 6)
            .ComputeTotp(_f.Time.GetUtcNow().UtcDateTime.AddSeconds(stepsAway * d.TimeIntervalInSeconds));
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private string DeviceId(string serial) => _f.Emulator.GetHardwareOathDevices().Single(d => d.SerialNumber == serial).Id;

    [Fact]
    public async Task A_created_token_never_shows_its_secret_and_is_found_by_serial_number()
    {
        var graph = _f.Client();
        var created = await graph.SendAsync(Method.POST, Devices, """
            {"serialNumber":"NEW-1","manufacturer":"Contoso","model":"Hardware Token 1000","secretKey":"6PJ4UKIW33NNXYZAEHQNFUFTZF7WFTFB",
             "timeIntervalInSeconds":30,"hashFunction":"hmacsha1"}
            """);
        var found = await graph.SendAsync(Method.GET, Devices + "?$filter=serialNumber eq 'NEW-1'");
        var duplicate = await Sdk.StatusOf(() => graph.SendAsync(Method.POST, Devices, """
            {"serialNumber":"new-1","manufacturer":"Contoso","model":"X","secretKey":"6PJ4UKIW33NNXYZAEHQNFUFTZF7WFTFB","timeIntervalInSeconds":30}
            """));

        Assert.Equal((JsonValueKind.Null, "available"), (created!.Value.GetProperty("secretKey").ValueKind, created.Value.GetProperty("status").GetString()));
        var only = Assert.Single(found!.Value.GetProperty("value").EnumerateArray());
        Assert.Equal(created.Value.GetProperty("id").GetString(), only.GetProperty("id").GetString());
        Assert.Equal(400, duplicate);
        Assert.DoesNotContain("6PJ4UKIW", JsonSerializer.Serialize(_f.Emulator.GetHardwareOathDevices()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_patch_creates_tokens_and_assigns_the_ones_that_name_a_user()
    {
        var ines = PolicySeed.UserId("ines.oath");
        var result = await _f.Client().SendAsync(Method.PATCH, Devices, $$"""
            {"@context":"#$delta","value":[
              {"@contentId":"1","serialNumber":"BULK-1","manufacturer":"Contoso","model":"T","secretKey":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
               "timeIntervalInSeconds":"30","hashFunction":"hmacsha1"},
              {"@contentId":"2","serialNumber":"BULK-2","manufacturer":"Contoso","model":"T","secretKey":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
               "timeIntervalInSeconds":60,"hashFunction":"hmacsha256","assignTo":{"id":"{{ines}}"} }]}
            """);

        var items = result!.Value.GetProperty("value").EnumerateArray().Select(i => i.GetProperty("device")).ToList();
        Assert.Equal(["available", "assigned"], items.Select(d => d.GetProperty("status").GetString()));
        Assert.Equal(ines, items[1].GetProperty("assignedTo").GetProperty("id").GetString());
        var methods = await _f.Client().SendAsync(Method.GET, Methods(PolicySeed.OathUser) + "?$expand=device");
        Assert.Contains(methods!.Value.GetProperty("value").EnumerateArray(), m => m.GetProperty("device").GetProperty("serialNumber").GetString() == "BULK-2");
    }

    [Fact]
    public async Task A_bulk_with_one_bad_token_adds_none()
    {
        var status = await Sdk.StatusOf(() => _f.Client().SendAsync(Method.PATCH, Devices, """
            {"@context":"#$delta","value":[
              {"serialNumber":"OK-1","manufacturer":"C","model":"T","secretKey":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","timeIntervalInSeconds":30},
              {"serialNumber":"BAD-1","manufacturer":"C","model":"T","secretKey":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","timeIntervalInSeconds":45}]}
            """));

        Assert.Equal(400, status);
        Assert.DoesNotContain(_f.Emulator.GetHardwareOathDevices(), d => d.SerialNumber == "OK-1");
    }

    [Fact]
    public async Task An_assigned_token_is_activated_only_with_its_current_code()
    {
        var graph = _f.Client();
        var assigned = await graph.SendAsync(Method.POST, Methods(PolicySeed.OathUser), Json(new { device = new { id = DeviceId("HW-0003") } }));
        var id = assigned!.Value.GetProperty("id").GetString();

        var wrong = await Assert.ThrowsAsync<ODataError>(() =>
            graph.SendAsync(Method.POST, $"{Methods(PolicySeed.OathUser)}/{id}/activate", """{"verificationCode":"000000"}"""));
        Assert.Equal("failedActivation", _f.Emulator.GetHardwareOathDevices().Single(d => d.Id == id).Status);
        await graph.SendAsync(Method.POST, $"{Methods(PolicySeed.OathUser)}/{id}/activate",
            Json(new { verificationCode = CodeOf("HW-0003", stepsAway: -1), displayName = "Ines token" }));

        Assert.Equal(400, wrong.ResponseStatusCode);
        var device = _f.Emulator.GetHardwareOathDevices().Single(d => d.Id == id);
        Assert.Equal(("activated", 1, 1), (device.Status, device.Activations, device.FailedActivations));
        Assert.Equal(1, _f.Emulator.GetStats().Events["hardwareOathActivated"]);
    }

    [Fact]
    public async Task Assign_and_activate_by_serial_number_stops_at_five_oath_tokens()
    {
        var graph = _f.Client();
        var url = Methods(PolicySeed.OathFull) + "/assignAndActivateBySerialNumber";

        await graph.SendAsync(Method.POST, url, Json(new { serialNumber = "HW-0004", verificationCode = CodeOf("HW-0004") }));
        var sixth = await Assert.ThrowsAsync<ODataError>(() =>
            graph.SendAsync(Method.POST, url, Json(new { serialNumber = "HW-0005", verificationCode = CodeOf("HW-0005") })));

        Assert.Equal("activated", _f.Emulator.GetHardwareOathDevices().Single(d => d.SerialNumber == "HW-0004").Status);
        Assert.Contains("maximum of 5 OATH tokens", sixth.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_counts_its_own_earlier_tokens_against_the_five()
    {
        var jon = PolicySeed.UserId("jon.oathfull"); // four software OATH methods: room for one token
        string Token(int i) =>
            Json(new { serialNumber = $"JON-{i}", manufacturer = "C", model = "T", secretKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                timeIntervalInSeconds = 30, assignTo = new { id = jon } });

        var e = await Assert.ThrowsAsync<ODataError>(() =>
            _f.Client().SendAsync(Method.PATCH, Devices, $"{{\"@context\":\"#$delta\",\"value\":[{Token(1)},{Token(2)}]}}"));

        Assert.Contains("maximum of 5 OATH tokens", e.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_f.Emulator.GetHardwareOathDevices(), d => d.SerialNumber.StartsWith("JON-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_code_in_assign_and_activate_leaves_the_token_unassigned()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Client().SendAsync(Method.POST, Methods(PolicySeed.Everything) + "/assignAndActivate",
            Json(new { device = new { id = DeviceId("HW-0006") }, verificationCode = CodeOf("HW-0006", stepsAway: 3) })));

        Assert.Equal(400, e.ResponseStatusCode);
        Assert.Equal("available", _f.Emulator.GetHardwareOathDevices().Single(d => d.SerialNumber == "HW-0006").Status);
    }

    [Fact]
    public async Task A_token_assigned_to_someone_else_a_guest_and_a_user_outside_the_policy_are_refused()
    {
        var graph = _f.Client();
        async Task<string> Refusal(string user, string serial) =>
            (await Assert.ThrowsAsync<ODataError>(() =>
                graph.SendAsync(Method.POST, Methods(user), Json(new { device = new { id = DeviceId(serial) } })))).Error!.Message!;

        Assert.Contains("already assigned to another user", await Refusal(PolicySeed.Everything, "HW-0001"), StringComparison.Ordinal);
        Assert.Contains("guest users", await Refusal(PolicySeed.Guest, "HW-0007"), StringComparison.Ordinal);
        Assert.Contains("AuthMethodType [HardwareOath]", await Refusal(PolicySeed.NewHire, "HW-0007"), StringComparison.Ordinal);
        Assert.Equal(1, _f.Emulator.GetStats().Events["hardwareOathAssignConflict"]);
    }

    [Fact]
    public async Task Deleting_the_method_returns_the_token_to_the_inventory()
    {
        var id = DeviceId("HW-0001");

        await _f.Client().SendAsync(Method.DELETE, $"{Methods(PolicySeed.OathUser)}/{id}");

        var device = _f.Emulator.GetHardwareOathDevices().Single(d => d.Id == id);
        Assert.Equal(("available", null), (device.Status, device.AssignedToUserId));
    }

    [Fact]
    public async Task The_inventory_needs_the_policy_write_permission_and_assigning_the_user_write_permission()
    {
        const string token = """{"serialNumber":"P-1","manufacturer":"C","model":"T","secretKey":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","timeIntervalInSeconds":"""
            + """30}""";

        var noPolicy = await Sdk.StatusOf(() => _f.Client(Clients.ReadWrite).SendAsync(Method.POST, Devices, token));
        var assignTo = await Sdk.StatusOf(() => _f.Client(Clients.PolicyReadWrite).SendAsync(Method.POST, Devices,
            token[..^1] + "," + Json(new { assignTo = new { id = PolicySeed.UserId("ines.oath") } })[1..]));
        var assign = await Sdk.StatusOf(() =>
            _f.Client(Clients.PolicyReadWrite).SendAsync(Method.POST, Methods(PolicySeed.OathUser), Json(new { device = new { id = DeviceId("HW-0008") } })));

        Assert.Equal((403, 403, 403), (noPolicy, assignTo, assign));
    }

    [Fact]
    public async Task The_hardware_oath_paths_do_not_exist_under_v1()
    {
        var graph = _f.Client();

        var inventory = await Sdk.StatusOf(() =>
            graph.SendAsync(Method.GET, _f.Emulator.GraphBaseUrl + "/directory/authenticationMethodDevices/hardwareOathDevices"));
        var methods = await Sdk.StatusOf(() =>
            graph.SendAsync(Method.GET, $"{_f.Emulator.GraphBaseUrl}/users/{PolicySeed.OathUser}/authentication/hardwareOathMethods"));

        Assert.Equal((400, 400), (inventory, methods));
    }
}
