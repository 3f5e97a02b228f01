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

    [Fact]
    public async Task A_wrong_client_secret_aborts_the_run_with_exit_2_without_writing()
    {
        File.WriteAllText(_cli.ConfigPath, $$"""{ "Emulator": { "TimeCompression": {{EmulatorFixture.TimeCompression}}, "ClientSecret": "not-the-secret" } }""");

        var exit = await _cli.Run("apply", CliApply.Sample("new-hires-long.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        // The first wave reports the refusal as it came; anything after it is not sent.
        Assert.All(_cli.Audit(), r => Assert.True(
            (r.Outcome() == "Failed" && r.GetProperty("graphError").GetString() == "AuthenticationFailed") || r.Error() == "RunAborted", r.ToString()));
        Assert.Contains("AuthenticationFailed", _cli.Summary().GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
        Assert.DoesNotContain("not-the-secret", _cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_without_the_permission_is_stopped_at_the_first_batch()
    {
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["User.Read.All"]);

        var exit = await _cli.Run("apply", CliApply.Sample("new-hires-long.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = _cli.Audit();
        Assert.Equal(8, records.Count);
        // The batch in flight when Graph said 403 is reported as Graph answered it; anything after it is not sent.
        Assert.All(records, r => Assert.True(
            (r.Outcome() == "Failed" && r.GetProperty("httpStatus").GetInt32() == 403) || r.Error() == "RunAborted", r.ToString()));
        Assert.Contains("403", _cli.Summary().GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }
}
