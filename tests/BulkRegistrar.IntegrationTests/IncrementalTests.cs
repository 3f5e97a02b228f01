using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>apply --state: a nightly where nothing changed asks Graph nothing; one changed row costs that user's calls only.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class IncrementalTests : IDisposable
{
    private const int Users = 60;
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;
    private readonly string _state;

    public IncrementalTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _fixture.Emulator.Reseed(GeneratedTenant.Seed(Users));
        _cli = new CliApply(fixture);
        _state = Path.Combine(_cli.Folder, "state", "state.db");
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _cli.Dispose();
    }

    [Fact]
    public async Task A_second_run_of_the_same_file_makes_zero_graph_calls()
    {
        var csv = _cli.WriteCsv(GeneratedTenant.Csv(Users));
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--state", _state));
        var requests = _fixture.Emulator.GetRequestLog().Count;
        var tokens = _fixture.Emulator.GetStats().TokensIssued;

        var exit = await _cli.Run("apply", csv, "--state", _state);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(requests, _fixture.Emulator.GetRequestLog().Count);
        Assert.Equal(tokens, _fixture.Emulator.GetStats().TokensIssued);
        Assert.All(_cli.Audit(), r => Assert.Equal(("Unchanged", "UnchangedSinceLastRun"), (r.Outcome(), r.Error())));
        Assert.Equal(Users, _cli.Summary().GetProperty("graph").GetProperty("usersUnchangedSinceLastRun").GetInt64());
    }

    [Fact]
    public async Task Changing_one_row_costs_exactly_that_users_calls()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", _cli.WriteCsv(GeneratedTenant.Csv(Users)), "--state", _state));
        var before = _fixture.Emulator.GetRequestLog().Count;
        var changed = GeneratedTenant.Csv(Users).Replace(GeneratedTenant.Mobile(7), "+44 7400999007", StringComparison.Ordinal);

        var exit = await _cli.Run("apply", _cli.WriteCsv(changed), "--state", _state, "--on-conflict", "skip");

        Assert.Equal(ExitCodes.RowsNeedAttention, exit); // hire 7 already has another mobile: Conflict under skip
        var after = _fixture.Emulator.GetRequestLog().Skip(before).ToList();
        var preflight = after.Where(e => e.Url == "/users?$select=id&$top=1").ToList();
        Assert.Single(preflight);
        var touched = after.Except(preflight).Select(e => Uri.UnescapeDataString(e.Url)).ToList();
        Assert.NotEmpty(touched);
        Assert.All(touched, url => Assert.True(url.Contains(GeneratedTenant.Upn(7), StringComparison.OrdinalIgnoreCase)
            || url.Contains(GeneratedTenant.Seed(Users).Users[6].Id, StringComparison.OrdinalIgnoreCase), url));
        var records = _cli.Audit();
        Assert.Equal(Users - 1, records.Select(r => r.GetProperty("user").GetString()).Distinct().Count(u => records.Where(r => r.GetProperty("user").GetString() == u).All(r => r.Error() == "UnchangedSinceLastRun")));
    }

    [Fact]
    public async Task Full_checks_every_user_against_graph_again()
    {
        var csv = _cli.WriteCsv(GeneratedTenant.Csv(Users));
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--state", _state));

        var exit = await _cli.Run("apply", csv, "--state", _state, "--full");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.All(_cli.Audit(), r => Assert.Equal(("Unchanged", null), (r.Outcome(), r.Error())));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_state_store_and_the_run_folder_are_owner_only()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", _cli.WriteCsv(GeneratedTenant.Csv(3)), "--state", _state));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_state));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_state)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_cli.RunFolder));
    }
}
