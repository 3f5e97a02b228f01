using System.Net;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Inspection;

/// <summary>The /_emulator endpoints the importer's tests use for issues 20 and 21, over HTTP as a CLI test would call them.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class NewInspectionTests
{
    private readonly PolicyEmulatorFixture _f;

    public NewInspectionTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task Qr_secrets_tap_use_and_the_token_inventory_are_served_and_counters_go_back_to_zero_on_reset()
    {
        using var http = Clients.Raw(_f.Emulator);
        var start = Clocks.EmulatorStart;
        await _f.Client().SendAsync(Method.PUT, $"{_f.Emulator.GraphBaseUrl}/users/{PolicySeed.Frontline}/authentication/qrCodePinMethod",
            JsonSerializer.Serialize(new { standardQRCode = new { startDateTime = start, expireDateTime = start.AddDays(30) } }));
        await _f.Client().Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods
            .PostAsync(new TemporaryAccessPassAuthenticationMethod { IsUsableOnce = true });

        using var secrets = JsonDocument.Parse(await http.GetStringAsync($"/_emulator/users/{PolicySeed.Frontline}/qr-code-pin"));
        using var used = await http.PostAsync($"/_emulator/users/{PolicySeed.NewHire}/tap/mark-used", null);
        using var noPass = await http.PostAsync($"/_emulator/users/{PolicySeed.Manager}/tap/mark-used", null);
        using var devices = JsonDocument.Parse(await http.GetStringAsync("/_emulator/hardware-oath-devices"));
        using var stats = JsonDocument.Parse(await http.GetStringAsync("/_emulator/stats"));

        Assert.StartsWith("EMUQR1;", secrets.RootElement.GetProperty("qrCodes")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, secrets.RootElement.GetProperty("lastPin").GetString()!.Length);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (used.StatusCode, noPass.StatusCode));
        Assert.True(_f.Emulator.GetUserState(PolicySeed.NewHire)!.TemporaryAccessPass!.Used);
        Assert.Equal(21, devices.RootElement.GetArrayLength()); // HW-0001…HW-0020 and RFC-6238
        Assert.DoesNotContain("secret", devices.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, stats.RootElement.GetProperty("writesAppliedByRoute").GetProperty("POST "
            + "users/{id}/authentication/temporaryAccessPassMethods").GetInt64());
        Assert.Equal(1, stats.RootElement.GetProperty("events").GetProperty("qrCodeIssued").GetInt64());

        _f.Emulator.Reset();

        Assert.Empty(_f.Emulator.GetStats().Events);
        Assert.Empty(_f.Emulator.GetStats().WritesAppliedByRoute);
        Assert.Empty(_f.Emulator.GetQrCodePinSecrets(PolicySeed.Frontline)!.QrCodes);
    }

    [Fact]
    public void The_user_state_shows_groups_manager_hire_date_and_every_method_kind_without_secrets()
    {
        var state = _f.Emulator.GetUserState(PolicySeed.Everything)!;

        Assert.Contains(PolicySeed.GroupId("Frontline"), state.Groups!);
        Assert.Contains(PolicySeed.GroupId("QR frontline"), state.TransitiveGroups!);
        Assert.Equal(PolicySeed.UserId("nora.patel"), state.ManagerId);
        Assert.Equal(["external", "fido2", "microsoftAuthenticator", "platformCredential", "softwareOath", "windowsHelloForBusiness"],
            state.OtherMethods!.Select(m => m.Kind).Order(StringComparer.Ordinal));
        Assert.NotNull(state.QrCodePin);
        Assert.Equal("HW-0002", Assert.Single(state.HardwareOathMethods!).SerialNumber);
        Assert.Equal(120, _f.Emulator.GetUserState(PolicySeed.Late)!.AppearsAfterSeconds);
    }
}
