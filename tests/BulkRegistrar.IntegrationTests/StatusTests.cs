using System.Text.Json;
using BulkRegistrar.Audit;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// status end to end against the strict emulator, seeded with samples/directory-policies.json (a user of every method type, a
/// phone-only one, users without any): per-user verdicts, exit codes, and what became of the passes an apply run issued.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class StatusTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public StatusTests(StrictEmulatorFixture fixture)
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

    [Fact]
    public async Task A_file_of_complete_and_pending_users_exits_1_with_each_users_verdict_and_what_they_have()
    {
        var csv = _cli.WriteCsv("upn\nnora.patel@contoso.com\npending.phoneonly@contoso.com\nines.oath@contoso.com\nomar.haddad@contoso.com\n"
            + "nobody.here@contoso.com\nnot a user@contoso.com\nnora.patel@contoso.com\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("status", csv));

        var records = _cli.Audit().ToDictionary(r => r.Line());
        Assert.Equal(7, records.Count); // every line ends with a record
        Assert.All(records.Values, r => Assert.Equal("none", r.Method()));
        Assert.Equal(("Complete", "microsoftAuthenticator;fido2"), (records[2].Outcome(), records[2].GetProperty("normalized").GetString()));
        Assert.Equal(("Pending", "NoStrongMethod", "mobile"), (records[3].Outcome(), records[3].Error(), records[3].GetProperty("normalized").GetString()));
        Assert.Contains("mobile phone", Message(records[3]), StringComparison.Ordinal);
        Assert.Equal("Complete", records[4].Outcome()); // software OATH counts by default
        Assert.Equal(("Pending", JsonValueKind.Null), (records[5].Outcome(), records[5].GetProperty("normalized").ValueKind));
        Assert.Contains("no method but a password", Message(records[5]), StringComparison.Ordinal);
        Assert.Equal(("NotFound", "NotFound"), (records[6].Outcome(), records[6].Error()));
        Assert.Equal(("Invalid", "InvalidUser"), (records[7].Outcome(), records[7].Error()));
        Assert.Equal(("Skipped", "DuplicateRow"), (records[8].Outcome(), records[8].Error()));

        var status = _cli.Summary().GetProperty("status");
        Assert.Equal((2, 2), (status.GetProperty("complete").GetInt32(), status.GetProperty("pending").GetInt32()));
        Assert.Equal(["microsoftAuthenticator", "fido2", "windowsHelloForBusiness", "hardwareOath", "softwareOath"],
            status.GetProperty("strongMethods").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("status", 1), (_cli.Summary().GetProperty("mode").GetString(), _cli.Summary().GetProperty("exitCode").GetInt32()));
        Assert.Contains("Onboarding: complete vs pending", File.ReadAllText(Path.Combine(_cli.RunFolder, "report.html")), StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);

        // What counts is configurable: with the mobile counted, the phone-only user is complete.
        await _cli.Run("status", csv, "--strong", "mobile,passkey");
        var again = _cli.Audit().ToDictionary(r => r.Line());
        Assert.Equal(("Complete", "Complete", "Pending"), (again[2].Outcome(), again[3].Outcome(), again[4].Outcome()));
    }

    [Fact]
    public async Task A_file_whose_users_have_all_finished_onboarding_exits_0()
    {
        var csv = _cli.WriteCsv("upn\nnora.patel@contoso.com\nmaya.everything@contoso.com\nines.oath@contoso.com\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("status", csv));

        Assert.All(_cli.Audit(), r => Assert.Equal("Complete", r.Outcome()));
        Assert.Equal(3, _cli.Audit().Count);
    }

    [Fact]
    public async Task A_run_folder_whose_pass_was_used_reports_it_used_and_its_unused_pass_unused()
    {
        var apply = _cli.WriteCsv("upn,IssueTap,TapUsableOnce\nava.new@contoso.com,true,true\ndan.nomanager@contoso.com,true,true\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", apply));
        var run = _cli.RunFolder;
        Assert.True(_fixture.Emulator.MarkTemporaryAccessPassUsed("ava.new@contoso.com")); // ava signs in with her pass
        await StrictEmulatorFixture.WaitOutReadLagAsync();

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("status", run));

        var records = _cli.Audit().ToDictionary(r => r.GetProperty("user").GetString()!);
        Assert.Equal(2, records.Count); // one record per user of the run
        Assert.Equal("Pending", records["ava.new@contoso.com"].Outcome());
        Assert.Contains("The pass this run issued was used to sign in", Message(records["ava.new@contoso.com"]), StringComparison.Ordinal);
        Assert.Contains("The pass this run issued has not been used", Message(records["dan.nomanager@contoso.com"]), StringComparison.Ordinal);
        var passes = _cli.Summary().GetProperty("status").GetProperty("passes");
        Assert.Equal((1, 1), (passes.GetProperty("used").GetInt32(), passes.GetProperty("unused").GetInt32()));
    }

    [Fact]
    public async Task A_run_folder_whose_users_are_all_onboarded_exits_0_and_says_the_pass_was_used()
    {
        var apply = _cli.WriteCsv("upn,IssueTap,TapUsableOnce\nmaya.everything@contoso.com,true,true\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", apply, "--replace-tap"));
        var run = _cli.RunFolder;
        Assert.True(_fixture.Emulator.MarkTemporaryAccessPassUsed("maya.everything@contoso.com"));
        await StrictEmulatorFixture.WaitOutReadLagAsync();

        Assert.Equal(ExitCodes.Success, await _cli.Run("status", run));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal("Complete", record.Outcome());
        Assert.Contains("was used to sign in", Message(record), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("warning").ValueKind); // a spent pass is nothing to delete
    }

    [Fact]
    public async Task A_folder_that_is_not_a_finished_apply_run_is_one_sentence_and_exit_2()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "not-a-run")).FullName;

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("status", folder));

        Assert.Contains("is not the folder of a finished run".Flat(), _cli.Console.Output.Flat(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    private static string Message(JsonElement record) => record.GetProperty("message").GetString()!;
}
