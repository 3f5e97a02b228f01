using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>Temporary Access Pass end to end against the strict emulator: issued once, kept out of every file but the hand-off.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class TapTests : IDisposable
{
    private const string User = "louis.durand@contoso.com";
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public TapTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    private string Handoff => Path.Combine(_cli.RunFolder, "handoff.csv");

    [Fact]
    public async Task A_pass_is_issued_once_and_its_value_is_only_in_the_owner_only_handoff_file()
    {
        var csv = _cli.WriteCsv($"upn,IssueTap,TapLifetimeMinutes\n{User},true,120\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("temporaryAccessPass", "Created"), (record.Method(), record.Outcome()));
        var lines = File.ReadAllLines(Handoff);
        Assert.Equal("UserPrincipalName,ObjectId,Method,Secret,ValidFrom,ValidUntil", lines[0]);
        var cells = Assert.Single(lines[1..]).Split(',');
        Assert.Equal((User, "temporaryAccessPass"), (cells[0], cells[2]));
        var pass = cells[3];
        Assert.True(pass.Length >= 8);
        Assert.Equal(120,
            (DateTimeOffset.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(cells[4],
                System.Globalization.CultureInfo.InvariantCulture)).TotalMinutes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Handoff));
        }
        Assert.Equal(120, _fixture.Emulator.GetUserState(User)!.TemporaryAccessPass!.LifetimeInMinutes);

        foreach (var file in Directory.GetFiles(_cli.RunFolder).Where(f => Path.GetFileName(f) != "handoff.csv"))
        {
            Assert.DoesNotContain(pass, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.Contains(Path.Combine(_cli.RunFolder, "report.html"), Directory.GetFiles(_cli.RunFolder));
        Assert.Contains(Path.Combine(_cli.RunFolder, "run.log"), Directory.GetFiles(_cli.RunFolder));
        Assert.DoesNotContain(pass, _cli.Console.Output, StringComparison.Ordinal);
        Assert.Equal(1, _cli.Summary().GetProperty("graph").GetProperty("handoffSecrets").GetInt32());
    }

    [Fact]
    public async Task A_rerun_never_issues_a_second_pass_not_even_with_replace_tap_into_the_same_handoff_file()
    {
        var csv = _cli.WriteCsv($"upn,IssueTap\n{User},yes\n");
        await _cli.Run("apply", csv);
        var first = Handoff;
        var pass = _fixture.Emulator.GetUserState(User)!.TemporaryAccessPass!.Id;
        // A rerun reads the tenant to see the pass; a read within the strict profile's replication lag would
        // not show it yet (a rerun seconds later without a shared hand-off file is the known gap; see README).
        await StrictEmulatorFixture.WaitOutReadLagAsync();

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv));
        var rerun = Assert.Single(_cli.Audit());
        Assert.Equal("Unchanged", rerun.Outcome());
        Assert.Contains("already holds a Temporary Access Pass", rerun.GetProperty("message").GetString());
        Assert.False(File.Exists(Handoff));

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--replace-tap", "--handoff", first));
        Assert.Equal("Unchanged", Assert.Single(_cli.Audit()).Outcome());
        Assert.Equal(pass, _fixture.Emulator.GetUserState(User)!.TemporaryAccessPass!.Id);
        Assert.Equal(2, File.ReadAllLines(first).Length);
    }

    [Fact]
    public async Task Replace_tap_issues_a_new_pass_to_a_user_who_holds_one()
    {
        var csv = _cli.WriteCsv($"upn,IssueTap\n{User},true\n");
        await _cli.Run("apply", csv);
        var old = _fixture.Emulator.GetUserState(User)!.TemporaryAccessPass!.Id;

        await _cli.Run("plan", csv, "--replace-tap");
        Assert.Equal("WouldIssueTap", Assert.Single(_cli.Audit()).Outcome());

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--replace-tap"));
        Assert.Equal("Created", Assert.Single(_cli.Audit()).Outcome());
        Assert.NotEqual(old, _fixture.Emulator.GetUserState(User)!.TemporaryAccessPass!.Id);
        Assert.Equal(2, File.ReadAllLines(Handoff).Length);
    }

    [Fact]
    public async Task Plan_says_WouldIssueTap_and_settings_outside_Graphs_limits_are_invalid_before_anything_is_sent()
    {
        var csv = _cli.WriteCsv($"upn,IssueTap,TapLifetimeMinutes,TapStart\n{User},true,,2030-09-01\n"
            + "jack.campbell@contoso.com,true,50000,\nmiguel.souza@contoso.com,true,,01/09/2030\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("plan", csv));

        var records = _cli.Audit().ToDictionary(r => r.Line());
        Assert.Equal("WouldIssueTap", records[2].Outcome());
        Assert.Equal("start=2030-09-01T00:00:00Z", records[2].GetProperty("normalized").GetString());
        Assert.Equal(("Invalid", "InvalidTap"), (records[3].Outcome(), records[3].Error()));
        Assert.Contains("10 to 43200", records[3].GetProperty("message").GetString());
        Assert.Equal(("Invalid", "InvalidTap"), (records[4].Outcome(), records[4].Error()));
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_pass_the_tenant_policy_refuses_at_write_time_is_Failed_with_Graphs_reason_and_no_handoff_line()
    {
        // The app may not read the methods policy, so nothing predicts the refusal (PolicyTests has the predicted one): the pass is
        // asked for, as when the policy changed after the pre-flight read it, and Graph's refusal is the record.
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"]);
        var csv = _cli.WriteCsv("upn,IssueTap\nharry.thomas@contoso.com,true\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("Failed", "GraphError"), (record.Outcome(), record.Error()));
        Assert.Contains("Converged UserCredentialPolicy", record.GetProperty("message").GetString());
        Assert.False(File.Exists(Handoff));
    }
}
