using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Policies;

/// <summary>A seeded methods policy: targets by group (nested), exclusions, disabled methods, and the refusals they cause.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class SeededPolicyTests
{
    private readonly PolicyEmulatorFixture _f;

    public SeededPolicyTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task The_served_tap_configuration_names_the_seeded_include_and_exclude_groups()
    {
        var tap = Assert.IsType<TemporaryAccessPassAuthenticationMethodConfiguration>(
            await _f.Client().Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["TemporaryAccessPass"].GetAsync());

        Assert.Equal(PolicySeed.GroupId("TAP users"), Assert.Single(tap.IncludeTargets!).Id);
        Assert.Equal(PolicySeed.GroupId("TAP excluded"), Assert.Single(tap.ExcludeTargets!).Id);
        Assert.Equal((120, 10), (tap.DefaultLifetimeInMinutes, tap.DefaultLength));
    }

    [Fact]
    public async Task A_pass_goes_to_a_member_of_a_nested_include_group_and_is_refused_outside_it_or_when_excluded()
    {
        var graph = _f.Client();

        // ava.new is in "New hires", which is a member of "TAP users".
        var pass = await graph.Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods.PostAsync(new TemporaryAccessPassAuthenticationMethod());
        Assert.Equal(10, pass!.TemporaryAccessPass!.Length);
        foreach (var refused in new[] { PolicySeed.OutsideTapGroups, PolicySeed.TapExcluded })
        {
            var e = await Assert.ThrowsAsync<ODataError>(() =>
                graph.Users[refused].Authentication.TemporaryAccessPassMethods.PostAsync(new TemporaryAccessPassAuthenticationMethod()));
            Assert.Equal(400, e.ResponseStatusCode);
            Assert.Equal("Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].",
                e.Error!.Message);
        }

        Assert.Equal(2, _f.Emulator.GetStats().Events["refusedByPolicy"]);
    }

    [Fact]
    public async Task A_lifetime_outside_the_policy_bounds_is_refused_with_graphs_message()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() =>
            _f.Client().Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods
                .PostAsync(new TemporaryAccessPassAuthenticationMethod { LifetimeInMinutes = 30 }));

        Assert.Equal(("badRequest", "Invalid LifetimeInMinutes specified. The valid range between 60 and 480."), (e.Error!.Code, e.Error.Message));
        Assert.Equal(0, _f.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_method_the_seed_disables_is_refused_for_everyone()
    {
        var seed = PolicySeed.Load();
        seed.Policies!.TemporaryAccessPass!.State = "disabled";
        _f.Emulator.Reseed(seed);
        try
        {
            var e = await Assert.ThrowsAsync<ODataError>(() =>
                _f.Client().Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods.PostAsync(new TemporaryAccessPassAuthenticationMethod()));

            Assert.Contains("AuthMethodType [TemporaryAccessPass]", e.Error!.Message, StringComparison.Ordinal);
            var tap = await _f.Client().Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["TemporaryAccessPass"].GetAsync();
            Assert.Equal(AuthenticationMethodState.Disabled, tap!.State);
        }
        finally
        {
            _f.Emulator.Reseed(PolicySeed.Load());
        }
    }

    [Fact]
    public async Task Sms_sign_in_follows_the_sms_targets_usable_for_sign_in()
    {
        var graph = _f.Client();
        var pilot = await graph.Users[PolicySeed.SmsPilot].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = "+44 7700900555",
            PhoneType = AuthenticationPhoneType.Mobile });
        var office = await graph.Users[PolicySeed.NoManager].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = "+1 "
            + "2065550111", PhoneType = AuthenticationPhoneType.Mobile });

        Assert.Equal(AuthenticationMethodSignInState.Ready, pilot!.SmsSignInState);
        Assert.Equal(AuthenticationMethodSignInState.NotAllowedByPolicy, office!.SmsSignInState);
    }

    [Fact]
    public async Task The_hardware_oath_configuration_is_served_under_beta_with_its_include_group()
    {
        var config = await _f.Client().SendAsync(Method.GET,
            _f.Emulator.GraphBetaUrl + "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/HardwareOath");
        var v1 = await Sdk.StatusOf(() => _f.Client().Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["HardwareOath"].GetAsync());

        Assert.Equal("#microsoft.graph.hardwareOathAuthenticationMethodConfiguration", config!.Value.GetProperty("@odata.type").GetString());
        Assert.Equal(PolicySeed.GroupId("Hardware token users"), config.Value.GetProperty("includeTargets")[0].GetProperty("id").GetString());
        Assert.Equal(404, v1);
    }

    [Fact]
    public async Task The_external_method_configuration_shows_the_provider()
    {
        var policy = await _f.Client().Policies.AuthenticationMethodsPolicy.GetAsync();

        var external = Assert.Single(policy!.AuthenticationMethodConfigurations!.OfType<ExternalAuthenticationMethodConfiguration>());
        Assert.Equal("Adatum MFA", external.DisplayName);
        Assert.False(string.IsNullOrEmpty(external.AppId));
        Assert.Equal("https://adatum.example/.well-known/openid-configuration", external.OpenIdConnectSetting!.DiscoveryUrl);
    }
}
