using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>apply --state: a nightly where nothing changed asks Graph nothing; one changed row costs that user's calls only.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class IncrementalTests : GeneratedTenantTests
{
    private const int Users = 60;
    private readonly string _state;

    public IncrementalTests(StrictEmulatorFixture fixture)
        : base(fixture, Users)
    {
        _state = Path.Combine(Cli.Folder, "state", "state.db");
    }

    [Fact]
    public async Task A_second_run_of_the_same_file_makes_zero_graph_calls()
    {
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", csv, "--state", _state));
        var requests = Fixture.Emulator.GetRequestLog().Count;
        var tokens = Fixture.Emulator.GetStats().TokensIssued;

        var exit = await Cli.Run("apply", csv, "--state", _state);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(requests, Fixture.Emulator.GetRequestLog().Count);
        Assert.Equal(tokens, Fixture.Emulator.GetStats().TokensIssued);
        Assert.All(Cli.Audit(), r => Assert.Equal(("Unchanged", "UnchangedSinceLastRun"), (r.Outcome(), r.Error())));
        Assert.Equal(Users, Cli.Summary().GetProperty("graph").GetProperty("usersUnchangedSinceLastRun").GetInt64());
    }

    [Fact]
    public async Task Changing_one_row_costs_exactly_that_users_calls()
    {
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(Users)), "--state", _state));
        var before = Fixture.Emulator.GetRequestLog().Count;
        var changed = GeneratedTenant.Csv(Users).Replace(GeneratedTenant.Mobile(7), "+44 7400999007", StringComparison.Ordinal);

        var exit = await Cli.Run("apply", Cli.WriteCsv(changed), "--state", _state, "--on-conflict", "skip");

        Assert.Equal(ExitCodes.RowsNeedAttention, exit); // hire 7 already has another mobile: Conflict under skip
        var after = Fixture.Emulator.GetRequestLog().Skip(before).ToList();
        var preflight = after.Where(e => e.Url == "/users?$select=id&$top=1").ToList();
        Assert.Single(preflight);
        var touched = after.Except(preflight).Select(e => Uri.UnescapeDataString(e.Url)).ToList();
        Assert.NotEmpty(touched);
        Assert.All(touched, url => Assert.True(url.Contains(GeneratedTenant.Upn(7), StringComparison.OrdinalIgnoreCase)
            || url.Contains(GeneratedTenant.Seed(Users).Users[6].Id, StringComparison.OrdinalIgnoreCase), url));
        var records = Cli.Audit();
        Assert.Equal(Users - 1,
            records.Select(r => r.GetProperty("user").GetString()).Distinct().Count(u =>
                records.Where(r => r.GetProperty("user").GetString() == u).All(r => r.Error() == "UnchangedSinceLastRun")));
    }

    [Fact]
    public async Task Full_checks_every_user_against_graph_again()
    {
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", csv, "--state", _state));

        var exit = await Cli.Run("apply", csv, "--state", _state, "--full");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.All(Cli.Audit(), r => Assert.Equal(("Unchanged", null), (r.Outcome(), r.Error())));
    }

    [Fact]
    public async Task A_store_filled_on_one_tenant_does_not_answer_for_another_tenant()
    {
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", csv, "--state", _state));
        await using var other = await TestEmulator.StartAsync(o =>
        {
            o.Seed = GeneratedTenant.Seed(Users);
            o.ThrottlingProfile = "off";
        });

        var exit = await Cli.RunAgainst(other.BaseUrl.ToString(), "apply", csv, "--state", _state);

        Assert.Equal(ExitCodes.Success, exit);
        var records = Cli.Audit();
        Assert.DoesNotContain(records, r => r.Error() == "UnchangedSinceLastRun");
        Assert.All(records, r => Assert.True(r.IsCreatedOrUnclaimed(), $"line {r.Line()}: {r.Outcome()} {r.Error()}"));
        Assert.Equal(records.Count, other.GetStats().WritesApplied);
        Assert.Equal(0, Cli.Summary().GetProperty("graph").GetProperty("usersUnchangedSinceLastRun").GetInt64());
    }

    [Fact]
    public async Task A_standalone_emulator_reset_between_runs_is_a_fresh_tenant_the_store_does_not_answer_for()
    {
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", csv, "--state", _state));
        Fixture.Reset();
        Fixture.Emulator.Reseed(GeneratedTenant.Seed(Users)); // same address, same tenant id, no phones again

        var exit = await Cli.Run("apply", csv, "--state", _state);

        Assert.Equal(ExitCodes.Success, exit);
        var records = Cli.Audit();
        Assert.DoesNotContain(records, r => r.Error() == "UnchangedSinceLastRun");
        Assert.Equal(records.Count, Fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task Each_start_of_the_built_in_emulator_is_a_fresh_tenant_the_store_does_not_answer_for()
    {
        using var cli = new CliRun(TimeProvider.System, "builtin-");
        var state = Path.Combine(cli.Folder, "state.db");
        string[] Apply(string run) => ["apply", Samples.PathOf("new-hires.csv"), "--emulator", "--state", state, "--out", Path.Combine(cli.Folder, run)];
        Assert.Equal(ExitCodes.RowsNeedAttention, await cli.Run(Apply("first"))); // the sample's deliberate mistakes

        var exit = await cli.Run(Apply("second"));

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        var records = RunFiles.Audit(Path.Combine(cli.Folder, "second"));
        Assert.Contains(records, r => r.Outcome() == "Created");
        Assert.DoesNotContain(records, r => r.Error() == "UnchangedSinceLastRun");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_store_in_an_existing_shared_folder_is_owner_only_and_the_folder_keeps_its_mode()
    {
        var shared = Path.Combine(Cli.Folder, "shared");
        Directory.CreateDirectory(shared);
        const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(shared, Mode0755);
        var state = Path.Combine(shared, "state.db");

        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(3)), "--state", state));

        Assert.Equal(Mode0755, File.GetUnixFileMode(shared));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(state));
    }

    [Fact]
    public async Task A_read_only_state_store_is_one_sentence_and_exit_2_before_any_run_folder()
    {
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(3)), "--state", _state));
        using var immutable = ReadOnlyMount.Immutable(_state);

        var exit = await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(3)), "--state", _state);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(Cli.Console.Output, $"The state store '{_state}' cannot be written (");
        Assert.False(Directory.Exists(Cli.RunFolder)); // stopped before anything was read or sent
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_state_store_and_the_run_folder_are_owner_only()
    {
        Assert.Equal(ExitCodes.Success, await Cli.Run("apply", Cli.WriteCsv(GeneratedTenant.Csv(3)), "--state", _state));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_state));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_state)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Cli.RunFolder));
    }
}
