using BulkRegistrar.Graph;
using BulkRegistrar.Graph.Credentials;
using BulkRegistrar.State;

namespace BulkRegistrar.Tests.State;

public sealed class TargetKeyTests
{
    private static GraphTarget Tenant(string tenantId, string cloud = "Global")
    {
        var endpoints = CloudEndpoints.Find(cloud)!;
        var plan = new CredentialPlan(AuthMode.Certificate, endpoints, endpoints.AuthorityHost, endpoints.Scope, endpoints.GraphBaseUrl, tenantId,
            "app", null!);
        return new GraphTarget("tenant", "tenant", endpoints.GraphBaseUrl, null!, [], null, 1, plan);
    }

    private static GraphTarget StandaloneEmulator(string url, string directoryId = "d1")
    {
        var plan = new CredentialPlan(AuthMode.ClientSecret, CloudEndpoints.All[0], new Uri(url), GraphTarget.GraphScope, url + "/v1.0",
            "emulator-tenant", "app", null!);
        return new GraphTarget("emulator-url", "emulator", url + "/v1.0", null!, [], null, 1, plan) { DirectoryId = directoryId };
    }

    [Fact]
    public void Two_tenants_two_clouds_and_two_emulator_addresses_are_four_different_targets_but_a_tenant_is_itself()
    {
        Assert.NotEqual(TargetKey.Of(Tenant("11111111-aaaa")), TargetKey.Of(Tenant("22222222-bbbb")));
        Assert.NotEqual(TargetKey.Of(Tenant("11111111-aaaa")), TargetKey.Of(Tenant("11111111-aaaa", "USGov")));
        Assert.NotEqual(TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5443")), TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5444")));
        Assert.Equal(TargetKey.Of(Tenant("11111111-AAAA")), TargetKey.Of(Tenant("11111111-aaaa")));
        Assert.Equal(TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5443")), TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5443")));
    }

    [Fact]
    public void A_standalone_emulator_restarted_or_reset_at_the_same_address_is_a_fresh_tenant_whose_key_supersedes_the_old_one()
    {
        var before = TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5443", "d1"));
        var after = TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5443", "d2"));

        Assert.NotEqual(before, after);
        Assert.StartsWith(TargetKey.SupersededPrefix(after)!, before, StringComparison.Ordinal);
        Assert.False(TargetKey.Of(StandaloneEmulator("https://127.0.0.1:5444", "d1")).StartsWith(TargetKey.SupersededPrefix(after)!, StringComparison.Ordinal));
        Assert.Null(TargetKey.SupersededPrefix(TargetKey.Of(Tenant("11111111-aaaa"))));
    }
}
