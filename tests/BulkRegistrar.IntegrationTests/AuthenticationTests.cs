using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public sealed class AuthenticationTests : IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly CliApply _cli;

    public AuthenticationTests(EmulatorFixture fixture)
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
        File.WriteAllText(_cli.ConfigPath, $$"""{ "Emulator": { "TimeCompression": {{EmulatorFixture.TimeCompression}}, "ClientSecret": "not-the-secret" } }""");

        var exit = await _cli.Run("apply", CliApply.Sample("new-hires-long.csv"));

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
    public async Task An_app_without_the_permission_is_stopped_at_the_first_batch_with_the_missing_permission_named()
    {
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["User.Read.All"]);

        var exit = await _cli.Run("apply", CliApply.Sample("new-hires-long.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = _cli.Audit();
        Assert.Equal(8, records.Count);
        // The batch in flight when Graph said 403 is reported as Graph answered it; anything after it is not sent.
        Assert.All(records, r => Assert.True(
            (r.Outcome() == "Failed" && r.GetProperty("httpStatus").GetInt32() == 403) || r.Error() == "RunAborted", r.ToString()));
        var summary = _cli.Summary();
        var reason = summary.GetProperty("abortReason").GetString();
        Assert.Equal("graphForbidden", summary.GetProperty("abortCause").GetString());
        Assert.StartsWith("Graph answered 403 accessDenied", reason, StringComparison.Ordinal);
        Assert.Contains("lacks the application permission UserAuthenticationMethod.ReadWrite.All (its token grants User.Read.All)", reason, StringComparison.Ordinal);
        Assert.Contains(reason!, RunLog, StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }
}
