using GraphEmulator.Seed;
using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace GraphEmulator.Tests.State;

/// <summary>Strict items 5, 7 and 9: read-after-write lag, SMS sign-in scope from the seed, unknown ids.</summary>
public sealed class StrictStateTests : IAsyncLifetime
{
    private const string Mobile = "3179e48a-750b-4051-897c-87b9720928f7";
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartStrictAsync(_time);
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_write_shows_in_reads_only_after_the_lag_but_a_duplicate_create_is_refused_at_once()
    {
        await _graph.CreateMobile(Users.Plain, "+44 7400555501");

        var rightAfter = await _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync();
        var duplicate = await Sdk.StatusOf(() => _graph.CreateMobile(Users.Plain, "+44 7400555501"));
        _time.Advance(TimeSpan.FromSeconds(2));
        var later = await _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync();

        Assert.Empty(rightAfter!.Value!);
        Assert.Equal(400, duplicate);
        Assert.Equal("+44 7400555501", Assert.Single(later!.Value!).PhoneNumber);
    }

    [Fact]
    public async Task A_delete_also_replicates_late_and_each_read_path_agrees()
    {
        await _graph.Users[Users.WithEmail].Authentication.PhoneMethods["e37fc753-ff3b-4958-9484-eaa9425c82bc"].DeleteAsync();

        var list = await _graph.Users[Users.WithEmail].Authentication.PhoneMethods.GetAsync();
        var all = await _graph.Users[Users.WithEmail].Authentication.Methods.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        var after = await _graph.Users[Users.WithEmail].Authentication.PhoneMethods.GetAsync();

        Assert.Equal(2, list!.Value!.Count);
        Assert.Equal(2, all!.Value!.OfType<PhoneAuthenticationMethod>().Count());
        Assert.Single(after!.Value!);
    }

    [Fact]
    public async Task A_lag_of_zero_seconds_reads_ones_own_writes()
    {
        await using var emulator = await TestEmulator.StartStrictAsync(_time, o => o.ReadAfterWriteLagSeconds = 0);
        var graph = Clients.Graph(emulator, emulator.IssueToken(Clients.AllRoles));
        await graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555502",
            PhoneType = AuthenticationPhoneType.Mobile });

        Assert.Single((await graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync())!.Value!);
    }

    [Fact]
    public async Task Users_are_outside_sms_sign_in_unless_the_seed_puts_them_in()
    {
        await _graph.CreateMobile(Users.Plain, "+44 7400555503");
        _time.Advance(TimeSpan.FromSeconds(2));
        var phone = await _graph.Users[Users.Plain].Authentication.PhoneMethods[Mobile].GetAsync();
        var enable = await Sdk.ErrorOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods[Mobile].EnableSmsSignIn.PostAsync());

        Assert.Equal(AuthenticationMethodSignInState.NotAllowedByPolicy, phone!.SmsSignInState);
        Assert.Equal(400, enable.ResponseStatusCode);
        Assert.Equal("notAllowedByPolicy", enable.Error!.Code);
    }

    [Fact]
    public async Task A_mobile_added_for_a_user_in_scope_by_group_or_flag_enables_sms_sign_in_and_another_users_number_is_409()
    {
        _emulator.Reseed(new DirectorySeed
        {
            Policies = new SeedPolicies { SmsSignIn = new SeedSmsPolicy { IncludeGroups = ["sms-pilot"] } },
            Users =
            [
                new SeedUser { Id = "11111111-1111-4111-8111-111111111111", UserPrincipalName = "in.group@contoso.com", Groups = ["sms-pilot"] },
                new SeedUser { Id = "22222222-2222-4222-8222-222222222222", UserPrincipalName = "in.flag@contoso.com", SmsSignIn = "allowed" },
                new SeedUser { Id = "33333333-3333-4333-8333-333333333333", UserPrincipalName = "out@contoso.com" },
            ],
        });

        await _graph.CreateMobile("in.group@contoso.com", "+44 7400555504");
        var conflict = await Sdk.ErrorOf(() => _graph.CreateMobile("in.flag@contoso.com", "+44 07400555504")); // same number, trunk zero
        await _graph.CreateMobile("out@contoso.com", "+44 7400555504");

        Assert.Equal(409, conflict.ResponseStatusCode);
        Assert.Equal("phoneNumberNotUnique", conflict.Error!.Code);
        Assert.Equal("ready", _emulator.GetUserState("in.group@contoso.com")!.PhoneMethods.Single().SmsSignInState);
        Assert.Equal("phoneNumberNotUnique", _emulator.GetUserState("in.flag@contoso.com")!.PhoneMethods.Single().SmsSignInState);
        Assert.Equal("notAllowedByPolicy", _emulator.GetUserState("out@contoso.com")!.PhoneMethods.Single().SmsSignInState);
    }

    [Fact]
    public async Task A_method_id_that_is_not_a_guid_is_400_an_unknown_guid_404_and_an_unknown_user_404()
    {
        var notGuid = await Sdk.ErrorOf(() => _graph.Users[Users.WithMobile].Authentication.PhoneMethods["mobile"].GetAsync());
        var unknownGuid = await Sdk.ErrorOf(() => _graph.Users[Users.WithMobile].Authentication.PhoneMethods[Guid.NewGuid().ToString()].GetAsync());
        var unknownUser = await Sdk.ErrorOf(() => _graph.Users[Users.Missing].Authentication.PhoneMethods[Mobile].GetAsync());

        Assert.Equal((400, "BadRequest"), (notGuid.ResponseStatusCode, notGuid.Error!.Code));
        Assert.Equal((404, "itemNotFound"), (unknownGuid.ResponseStatusCode, unknownGuid.Error!.Code));
        Assert.Equal((404, "Request_ResourceNotFound"), (unknownUser.ResponseStatusCode, unknownUser.Error!.Code));
    }
}
