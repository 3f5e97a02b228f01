using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Methods;

/// <summary>External MFA: a configuration of the policy ties the user to a provider; unknown ones and users outside it are refused.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class ExternalMethodTests
{
    private readonly PolicyEmulatorFixture _f;

    public ExternalMethodTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    private static string ConfigurationId => PolicySeed.Load().Policies!.ExternalAuthenticationMethods![0].Id;

    [Fact]
    public async Task An_external_method_is_created_listed_and_deleted()
    {
        var methods = _f.Client().Users[PolicySeed.External].Authentication.ExternalAuthenticationMethods;

        var created = await methods.PostAsync(new ExternalAuthenticationMethod { ConfigurationId = ConfigurationId, DisplayName = "Adatum" });
        var listed = Assert.Single((await methods.GetAsync())!.Value!);
        var second = await Assert.ThrowsAsync<ODataError>(() =>
            methods.PostAsync(new ExternalAuthenticationMethod { ConfigurationId = ConfigurationId, DisplayName = "Again" }));
        await methods[created!.Id].DeleteAsync();

        Assert.Equal((created.Id, "Adatum", ConfigurationId), (listed.Id, listed.DisplayName, listed.ConfigurationId));
        Assert.Equal(400, second.ResponseStatusCode);
        Assert.Empty((await methods.GetAsync())!.Value!);
        Assert.Equal(1, _f.Emulator.GetStats().Events["externalMethodCreated"]);
    }

    [Fact]
    public async Task An_unknown_configuration_or_a_user_outside_it_is_refused()
    {
        var graph = _f.Client();

        var unknown = await Assert.ThrowsAsync<ODataError>(() => graph.Users[PolicySeed.External].Authentication.ExternalAuthenticationMethods
            .PostAsync(new ExternalAuthenticationMethod { ConfigurationId = Guid.NewGuid().ToString(), DisplayName = "Nope" }));
        var outside = await Assert.ThrowsAsync<ODataError>(() => graph.Users[PolicySeed.NewHire].Authentication.ExternalAuthenticationMethods
            .PostAsync(new ExternalAuthenticationMethod { ConfigurationId = ConfigurationId, DisplayName = "Adatum" }));

        Assert.Equal(400, unknown.ResponseStatusCode);
        Assert.Contains("is not an external authentication method configured", unknown.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("AuthMethodType [ExternalAuthenticationMethod]", outside.Error!.Message, StringComparison.Ordinal);
    }
}
