using System.Net;
using System.Text.Json;
using GraphEmulator.Seed;
using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;

namespace GraphEmulator.Tests.Inspection;

[Collection(EmulatorCollection.Name)]
public sealed class InspectionTests
{
    private readonly PlainEmulatorFixture _f;

    public InspectionTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task Stats_over_http_show_the_same_counters_as_the_in_process_api()
    {
        await _f.Client().Users[Users.Plain].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555050", PhoneType = AuthenticationPhoneType.Mobile });

        using var http = Clients.Raw(_f.Emulator);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/_emulator/stats"));
        var inProcess = _f.Emulator.GetStats();
        Assert.Equal(1, inProcess.WritesApplied);
        Assert.Equal(inProcess.WritesApplied, doc.RootElement.GetProperty("writesApplied").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("requestsByRoute").GetProperty("POST "
            + "users/{id}/authentication/phoneMethods").GetProperty("201").GetInt64());
    }

    [Fact]
    public async Task A_users_full_state_and_the_request_log_are_served_without_secrets()
    {
        await _f.Client().Users[Users.Plain].Authentication.TemporaryAccessPassMethods.PostAsync(new TemporaryAccessPassAuthenticationMethod());

        using var http = Clients.Raw(_f.Emulator);
        var state = await http.GetStringAsync($"/_emulator/users/{Uri.EscapeDataString(Users.WithAlternate)}");
        Assert.Contains("\"alternateMobile\"", state, StringComparison.Ordinal);
        var tapUser = await http.GetStringAsync($"/_emulator/users/{Uri.EscapeDataString(Users.Plain)}");
        Assert.DoesNotContain("temporaryAccessPass\":\"", tapUser, StringComparison.Ordinal);

        var log = _f.Emulator.GetRequestLog();
        Assert.Equal("POST", Assert.Single(log).Method);
        using var missing = await http.GetAsync("/_emulator/users/nobody%40contoso.com");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_config_names_the_directory_and_a_reset_or_reseed_names_a_new_one()
    {
        using var http = Clients.Raw(_f.Emulator);
        async Task<string> DirectoryId()
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/_emulator/config"));
            return doc.RootElement.GetProperty("directoryId").GetString()!;
        }

        var first = await DirectoryId();
        Assert.Equal(first, await DirectoryId());
        _f.Emulator.Reset();
        var afterReset = await DirectoryId();
        _f.Emulator.Reseed(DirectorySeed.Load(TestSupport.Samples.Directory));

        Assert.NotEqual(first, afterReset);
        Assert.NotEqual(afterReset, await DirectoryId());
    }

    [Fact]
    public async Task Reset_over_http_restores_the_seeded_directory_and_clears_counters()
    {
        await _f.Client().Users[Users.WithMobile].Authentication.PhoneMethods["3179e48a-750b-4051-897c-87b9720928f7"].DeleteAsync();
        Assert.Empty(_f.Emulator.GetUserState(Users.WithMobile)!.PhoneMethods);

        using var http = Clients.Raw(_f.Emulator);
        using var res = await http.PostAsync("/_emulator/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, res.StatusCode);
        Assert.Single(_f.Emulator.GetUserState(Users.WithMobile)!.PhoneMethods);
        Assert.Equal(0, _f.Emulator.GetStats().Requests);
    }

    [Fact]
    public async Task Waiting_for_n_writes_completes_at_the_nth_write_and_not_before()
    {
        var second = _f.Emulator.WhenWritesApplied(2);
        var client = _f.Client();

        await client.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555051", PhoneType = AuthenticationPhoneType.Mobile });
        Assert.False(second.IsCompleted);
        await client.Users[Users.Plain2].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555052", PhoneType = AuthenticationPhoneType.Mobile });

        await second.WaitAsync(TimeSpan.FromSeconds(30)); // the guard only stops a hung test
        Assert.True(_f.Emulator.WhenWritesApplied(1).IsCompleted, "a count already reached completes at once");
    }

    [Fact]
    public void Reseeding_replaces_the_directory_until_the_next_reseed()
    {
        var original = EmulatorFixture.SampleSeed();
        try
        {
            _f.Emulator.Reseed(new DirectorySeed { Users = [new SeedUser { Id = "11111111-2222-3333-4444-555555555555",
                UserPrincipalName = "solo@contoso.com" }] });
            Assert.NotNull(_f.Emulator.GetUserState("solo@contoso.com"));
            Assert.Null(_f.Emulator.GetUserState(Users.Plain));
        }
        finally
        {
            _f.Emulator.Reseed(original);
        }

        Assert.NotNull(_f.Emulator.GetUserState(Users.Plain));
    }
}
