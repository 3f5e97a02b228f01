using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Policies;

/// <summary>GET /policies/authenticationMethodsPolicy and its configurations, from the seed or Graph's defaults.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class PolicyReadTests
{
    private readonly PlainEmulatorFixture _f;

    public PolicyReadTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task A_seed_without_method_policies_enables_every_method_for_all_users_with_graphs_defaults()
    {
        var policy = await _f.Client(Clients.PolicyRead).Policies.AuthenticationMethodsPolicy.GetAsync();

        var configs = policy!.AuthenticationMethodConfigurations!;
        Assert.All(configs, c => Assert.Equal(AuthenticationMethodState.Enabled, c.State));
        var fido2 = Assert.Single(configs.OfType<Fido2AuthenticationMethodConfiguration>());
        Assert.Equal("all_users", Assert.Single(fido2.IncludeTargets!).Id);
        var qr = Assert.Single(configs.OfType<QrCodePinAuthenticationMethodConfiguration>());
        Assert.Equal((365, 8), (qr.StandardQRCodeLifetimeInDays, qr.PinLength));
        Assert.Contains(configs, c => c.Id == "Email");
        Assert.Contains(configs, c => c.Id == "SoftwareOath");
        Assert.DoesNotContain(configs, c => c.Id == "HardwareOath"); // a beta type, served under /beta only
    }

    [Fact]
    public async Task The_tap_configuration_carries_the_seeded_bounds_and_its_id_is_case_insensitive()
    {
        var tap = await _f.Client(Clients.PolicyRead).Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["temporaryaccesspass"].GetAsync();

        var config = Assert.IsType<TemporaryAccessPassAuthenticationMethodConfiguration>(tap);
        Assert.Equal((60, 60, 480, 8, false),
            (config.DefaultLifetimeInMinutes, config.MinimumLifetimeInMinutes, config.MaximumLifetimeInMinutes, config.DefaultLength, config.IsUsableOnce));
    }

    [Fact]
    public async Task The_seeds_per_user_flags_are_served_as_targets_of_the_sms_and_tap_configurations()
    {
        var graph = _f.Client(Clients.PolicyRead);
        var sms = Assert.IsType<SmsAuthenticationMethodConfiguration>(await graph.Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["Sms"]
            .GetAsync());
        var tap = await graph.Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["TemporaryAccessPass"].GetAsync();

        // samples/directory.json: michael.jackson is flagged out of SMS sign-in, harry.thomas out of TAP, both by group.
        var smsOut = Assert.Single(sms.ExcludeTargets!).Id;
        var tapOut = Assert.Single(tap!.ExcludeTargets!).Id;
        Assert.Contains(smsOut, _f.Emulator.GetUserState(Users.OutsideSmsPolicy)!.Groups!);
        Assert.Contains(tapOut, _f.Emulator.GetUserState(Users.OutsideTapPolicy)!.Groups!);
        Assert.Contains(sms.IncludeTargets!, t => t.Id == "all_users" && t.IsUsableForSignIn == true);
    }

    [Theory]
    [InlineData(Clients.PolicyRead, 200)]
    [InlineData("Policy.Read.All", 200)]
    [InlineData(Clients.PolicyReadWrite, 200)]
    [InlineData(Clients.ReadWrite, 403)]
    public async Task Reading_the_policy_needs_a_policy_read_permission(string role, int status)
    {
        Assert.Equal(status, await Sdk.StatusOf(() => _f.Client(role).Policies.AuthenticationMethodsPolicy.GetAsync()));
    }

    [Fact]
    public async Task A_refused_policy_read_answers_access_denied()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Client(Clients.ReadWrite, Clients.UserRead).Policies.AuthenticationMethodsPolicy.GetAsync());

        Assert.Equal(("accessDenied", 403), (e.Error!.Code, e.ResponseStatusCode));
    }
}
