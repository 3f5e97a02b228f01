using BulkRegistrar.Audit;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// External MFA end to end against the strict emulator seeded with samples/directory-policies.json (one provider, "Adatum
/// MFA", for the group External MFA users): created once, a rerun Unchanged, revert deletes it, the policy's refusal Failed.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ExternalMfaTests : IDisposable
{
    private const string Configuration = "1053f571-2c05-5f27-91b4-ee10fbcfe117";
    private const string Kim = "kim.external@contoso.com";
    private const string Outside = "ava.new@contoso.com";
    private const string Route = "POST users/{id}/authentication/externalAuthenticationMethods";
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public ExternalMfaTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Emulator.Reseed(DirectorySeed.Load(Samples.PathOf("directory-policies.json")));
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _cli.Dispose();
    }

    private List<GraphEmulator.EmulatorMethodState> External(string user) =>
        [.. _fixture.Emulator.GetUserState(user)!.OtherMethods!.Where(m => m.ConfigurationId is not null)];

    [Fact]
    public async Task An_external_method_is_created_once_a_rerun_is_Unchanged_and_revert_removes_it()
    {
        var csv = _cli.WriteCsv($"upn,ExternalMfaConfigurationId,ExternalMfaDisplayName\n{Kim},{Configuration},Adatum MFA\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("plan", csv));
        Assert.Equal("WouldCreate", Assert.Single(_cli.Audit()).Outcome());

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--verify"));
        var created = Assert.Single(_cli.Audit());
        Assert.Equal(1, _cli.Summary().GetProperty("graph").GetProperty("verified").GetInt64());
        Assert.Equal(("externalAuthentication", "Created"), (created.Method(), created.Outcome()));
        var method = Assert.Single(External(Kim));
        Assert.Equal((Configuration, "Adatum MFA"), (method.ConfigurationId, method.DisplayName));
        var applied = _cli.RunFolder;

        await StrictEmulatorFixture.WaitOutReadLagAsync();
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv));
        Assert.Equal("Unchanged", Assert.Single(_cli.Audit()).Outcome());
        Assert.Equal(1, _fixture.Emulator.GetStats().WritesAppliedByRoute[Route]);

        Assert.Equal(ExitCodes.Success, await _cli.Run("revert", applied));
        Assert.Equal("Deleted", Assert.Single(_cli.Audit()).Outcome());
        Assert.Empty(External(Kim));
        Assert.Equal(1, _fixture.Emulator.GetStats().Events["methodDeleted:external"]);
    }

    [Fact]
    public async Task A_user_outside_the_providers_groups_is_Failed_with_Graphs_reason_and_no_method()
    {
        var csv = _cli.WriteCsv($"upn,ExternalMfaConfigurationId\n{Outside},{Configuration}\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("Failed", "GraphError"), (record.Outcome(), record.Error()));
        Assert.Contains("ExternalAuthenticationMethod", record.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(External(Outside));
    }

    [Fact]
    public async Task Export_writes_the_configuration_a_user_holds_in_the_column_apply_reads()
    {
        var csv = _cli.WriteCsv("upn\nmaya.everything@contoso.com\nkim.external@contoso.com\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("export", csv));

        var exported = File.ReadAllLines(_cli.RunFolder); // export's --out is the file
        var header = exported[0].Split(',');
        var column = Array.IndexOf(header, "ExternalMfaConfigurationId");
        Assert.True(column >= 0, exported[0]);
        var maya = exported.Single(l => l.StartsWith("maya.everything", StringComparison.Ordinal)).Split(',');
        Assert.Equal(Configuration, maya[column]);
    }
}
