using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public sealed class AuthenticationTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public AuthenticationTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"]);
        _cli.Dispose();
    }

    private string RunLog => File.ReadAllText(Path.Combine(_cli.RunFolder, "run.log"));

    [Fact]
    public async Task A_wrong_client_secret_aborts_with_the_token_endpoints_aadsts_line_everywhere_and_never_the_secret()
    {
        File.WriteAllText(_cli.ConfigPath,
            $$"""{ "Emulator": { "TimeCompression": {{StrictEmulatorFixture.TimeCompression}}, "ClientSecret": "not-the-secret" } }""");

        var exit = await _cli.Run("apply", Samples.PathOf("new-hires-long.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        const string aadsts = "AADSTS7000215: Invalid client secret provided.";
        var summary = _cli.Summary();
        Assert.Contains(aadsts, summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("credentialRejected", summary.GetProperty("abortCause").GetString());
        Assert.Contains(aadsts, _cli.Console.Output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(aadsts, RunLog, StringComparison.Ordinal);
        Assert.DoesNotContain("Graph answered", summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        // No batch left without a token: every record says "not sent", none claims an answer from Graph.
        Assert.All(_cli.Audit(), r => Assert.Equal(("Skipped", "RunAborted"), (r.Outcome(), r.Error())));
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
        foreach (var file in Directory.GetFiles(_cli.RunFolder))
        {
            Assert.DoesNotContain("not-the-secret", File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("not-the-secret", _cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revert_whose_credential_is_rejected_names_the_cause_in_its_summary_as_apply_does()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", _cli.WriteCsv("upn,mobile\namelia.hughes@contoso.com,+44 7400 223344\n")));
        var applied = _cli.RunFolder;
        File.WriteAllText(_cli.ConfigPath,
            $$"""{ "Emulator": { "TimeCompression": {{StrictEmulatorFixture.TimeCompression}}, "ClientSecret": "not-the-secret" } }""");

        var exit = await _cli.Run("revert", applied);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var summary = _cli.Summary();
        Assert.Equal(exit, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal("credentialRejected", summary.GetProperty("abortCause").GetString());
        Assert.Contains("AADSTS7000215", summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pre_flight_refuses_a_token_without_the_role_naming_the_missing_permission_before_any_row_is_sent()
    {
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["User.Read.All"]);

        var exit = await _cli.Run("apply", Samples.PathOf("new-hires-long.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = _cli.Audit();
        Assert.Equal(8, records.Count);
        Assert.All(records, r => Assert.Equal(("Skipped", "RunAborted"), (r.Outcome(), r.Error())));
        var summary = _cli.Summary();
        var reason = summary.GetProperty("abortReason").GetString();
        Assert.Equal("graphForbidden", summary.GetProperty("abortCause").GetString());
        Assert.StartsWith("Pre-flight: the app's access token lacks the application permission UserAuthenticationMethod.ReadWrite.All (it grants "
            + "User.Read.All)", reason, StringComparison.Ordinal);
        Assert.Contains(reason!, RunLog, StringComparison.Ordinal);
        // Not even the cheap GET: the token alone showed the run could not succeed.
        Assert.DoesNotContain(_fixture.Emulator.GetRequestLog(),
            e => e.Url.StartsWith("/users", StringComparison.Ordinal) || e.Url.StartsWith("/$batch", StringComparison.Ordinal));
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task Pre_flight_names_tenant_client_id_auth_mode_and_cloud_in_the_banner_and_the_log()
    {
        var exit = await _cli.Run("plan", Samples.PathOf("new-hires-long.csv"));

        Assert.NotEqual(ExitCodes.CannotProcess, exit);
        Assert.Contains($"Tenant {_fixture.Emulator.TenantId} · client id {_fixture.Emulator.ClientId} · auth ClientSecret · Global cloud",
            _cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Pre-flight: access token obtained", RunLog, StringComparison.Ordinal);
        Assert.Contains("answered", RunLog, StringComparison.Ordinal);
        Assert.Contains(_fixture.Emulator.GetRequestLog(), e => e.Url == "/users?$select=id&$top=1" && e.Method == "GET");
    }
}
