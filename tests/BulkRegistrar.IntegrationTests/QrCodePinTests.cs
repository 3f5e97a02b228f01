using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>QR code + PIN end to end against the strict emulator: created once, --replace-qr, --new-pins, the PIN kept out of every file but the
/// hand-off.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class QrCodePinTests : IDisposable
{
    private static readonly string[] Users = ["oliver.brown@contoso.com", "james.garcia@contoso.com", "louis.durand@contoso.com"];
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public QrCodePinTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    private string Handoff => Path.Combine(_cli.RunFolder, "handoff.csv");

    private string Badges => Path.Combine(_cli.RunFolder, "badges.html");

    private string Csv() => _cli.WriteCsv("upn,QrCodePin\n" + string.Concat(Users.Select(u => $"{u},true\n")));

    /// <summary>Every file under the test's folder (every run's folder, the inputs) but the hand-off files, and the console.</summary>
    private void AssertNowhereBut(string handoffName, string secret, string console)
    {
        foreach (var file in Directory.EnumerateFiles(_cli.Folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != handoffName))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(secret, console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_qr_code_and_pin_are_created_once_and_the_pin_is_only_in_the_handoff_file()
    {
        var csv = Csv();

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--verify"));

        var records = _cli.Audit();
        Assert.All(records, r => Assert.Equal(("qrCodePin", "Created"), (r.Method(), r.Outcome())));
        Assert.All(records, r => Assert.Contains("the PIN is in the hand-off file handoff.csv and nowhere else, the badge in badges.html",
            r.GetProperty("message").GetString(), StringComparison.Ordinal));
        Assert.Equal(Users.Length, _cli.Summary().GetProperty("graph").GetProperty("verified").GetInt32());
        var lines = File.ReadAllLines(Handoff)[1..].Select(l => l.Split(',')).ToDictionary(c => c[0]);
        Assert.Equal(Users.Order(), lines.Keys.Order());
        var console = _cli.Console.Output;
        foreach (var user in Users)
        {
            var secrets = _fixture.Emulator.GetQrCodePinSecrets(user)!;
            Assert.Equal(("qrCodePin", secrets.LastPin), (lines[user][2], lines[user][3]));
            Assert.Equal(1, secrets.PinsIssued);
            Assert.Single(secrets.QrCodes);
            Assert.Equal(365, (DateTimeOffset.Parse(lines[user][5], System.Globalization.CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(lines[user][4], System.Globalization.CultureInfo.InvariantCulture)).TotalDays, tolerance: 0.001);
            AssertNowhereBut("handoff.csv", secrets.LastPin!, console);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Badges));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Handoff));
        }

        // A rerun reads the tenant; a read within the strict profile's replication lag would not show the methods yet.
        await StrictEmulatorFixture.WaitOutReadLagAsync();
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv));
        Assert.All(_cli.Audit(), r => Assert.Equal("Unchanged", r.Outcome()));
        Assert.Contains("already holds a QR code + PIN", _cli.Audit()[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Handoff));
        Assert.False(File.Exists(Badges)); // made ahead of badges that never came
        Assert.All(Users, u => Assert.Equal(1, _fixture.Emulator.GetQrCodePinSecrets(u)!.PinsIssued));
    }

    [Fact]
    public async Task Replace_qr_deletes_the_old_method_and_issues_a_new_badge_and_pin()
    {
        var csv = _cli.WriteCsv($"upn,QrCodePin\n{Users[0]},true\n");
        await _cli.Run("apply", csv);
        var first = (Secrets: _fixture.Emulator.GetQrCodePinSecrets(Users[0])!, Badges);
        await StrictEmulatorFixture.WaitOutReadLagAsync();

        Assert.Equal(ExitCodes.Success, await _cli.Run("plan", csv, "--replace-qr"));
        var planned = Assert.Single(_cli.Audit());
        Assert.Equal("WouldUpdate", planned.Outcome());
        Assert.StartsWith("Would delete the user's QR code + PIN (standard QR code valid from", planned.GetProperty("message").GetString(),
            StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--replace-qr", "--badges", first.Badges));
        var replaced = Assert.Single(_cli.Audit());
        Assert.Equal("Updated", replaced.Outcome());
        Assert.StartsWith("standard QR code valid from", replaced.GetProperty("previous").GetString(), StringComparison.Ordinal);
        var second = _fixture.Emulator.GetQrCodePinSecrets(Users[0])!;
        Assert.Equal(2, second.QrCodes.Count);
        Assert.NotEqual(first.Secrets.QrCodes[0].Content, second.QrCodes[1].Content);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(File.ReadAllText(first.Badges), "<section class=\"badge\">")); // appended
        Assert.Equal(second.LastPin, File.ReadAllLines(Handoff)[1].Split(',')[3]);
        Assert.Equal(1, _fixture.Emulator.GetStats().Events.GetValueOrDefault("methodDeleted:qrCodePin"));
        Assert.NotNull(_fixture.Emulator.GetUserState(Users[0])!.QrCodePin);
    }

    [Fact]
    public async Task The_pin_follows_the_handoff_options_by_manager_and_encrypted_and_status_counts_the_method()
    {
        var csv = _cli.WriteCsv($"upn,QrCodePin\n{Users[0]},true\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--handoff-by", "manager"));
        var pin = _fixture.Emulator.GetQrCodePinSecrets(Users[0])!.LastPin!;
        var byManager = File.ReadAllLines(Path.Combine(_cli.RunFolder, "handoff", "no-manager.csv"));
        Assert.Equal($"{Users[0]},qrCodePin,{pin}", string.Join(',', byManager[1].Split(',').Where((_, i) => i is 0 or 2 or 3)));
        AssertNowhereBut("no-manager.csv", pin, _cli.Console.Output);

        var (cert, key) = HandoffByManagerTests.MakeRecipient(_cli.Folder);
        var other = _cli.WriteCsv($"upn,QrCodePin\n{Users[1]},true\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", other, "--handoff-recipient", cert));
        var sealedPin = _fixture.Emulator.GetQrCodePinSecrets(Users[1])!.LastPin!;
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_cli.RunFolder, "handoff")));
        Assert.Equal($"{Users[1]}.qrCodePin.csv.p7m", Path.GetFileName(file));
        Assert.Contains($",qrCodePin,{sealedPin},", HandoffByManagerTests.Decrypt(file, cert, key), StringComparison.Ordinal);
        AssertNowhereBut("-", sealedPin, _cli.Console.Output); // not even the encrypted file holds it in plain

        await StrictEmulatorFixture.WaitOutReadLagAsync();
        await _cli.Run("status", csv, "--strong", "qrCodePin");
        var status = Assert.Single(_cli.Audit());
        Assert.Equal("Complete", status.Outcome());
        Assert.Contains("qrCodePin", status.GetProperty("normalized").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chosen_pins_go_only_into_the_request_and_a_user_without_one_gets_no_qr_code()
    {
        var pins = _cli.WriteCsv($"UserPrincipalName,Pin\n{Users[0]},482910375516\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pins, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", _cli.WriteCsv($"upn,QrCodePin\n{Users[0]},true\n{Users[1]},true\n"), "--new-pins",
            pins));

        var records = _cli.Audit().ToDictionary(r => r.GetProperty("user").GetString()!);
        Assert.Equal("Created", records[Users[0]].Outcome());
        Assert.Contains("the PIN is the one given in --new-pins; this tool wrote it nowhere", records[Users[0]].GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(("Skipped", "PinNotGiven"), (records[Users[1]].Outcome(), records[Users[1]].Error()));
        Assert.Equal("482910375516", _fixture.Emulator.GetQrCodePinSecrets(Users[0])!.LastPin);
        Assert.Null(_fixture.Emulator.GetUserState(Users[1])!.QrCodePin);
        Assert.False(File.Exists(Handoff));
        AssertNowhereBut(Path.GetFileName(pins), "482910375516", _cli.Console.Output);
    }

    [Fact]
    public async Task A_pin_column_refuses_the_file_before_anything_is_read_or_sent()
    {
        var csv = _cli.WriteCsv($"upn,QrCodePin,QrPin\n{Users[0]},true,55550000111\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("apply", csv));

        Assert.Contains("has a QrPin column: a PIN is never read from the input CSV", _cli.Console.Output, StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
        AssertNowhereBut(Path.GetFileName(csv), "55550000111", _cli.Console.Output);
    }

    [Fact]
    public async Task Export_reads_it_back_and_revert_deletes_the_method_the_run_created()
    {
        var csv = _cli.WriteCsv($"upn,QrCodePin\n{Users[0]},true\n");
        await _cli.Run("apply", csv);
        var applied = _cli.RunFolder;
        await StrictEmulatorFixture.WaitOutReadLagAsync();

        Assert.Equal(ExitCodes.Success, await _cli.Run("export", csv));
        var exported = File.ReadAllLines(_cli.RunFolder);
        Assert.EndsWith(",QrCodePin", exported[0], StringComparison.Ordinal);
        Assert.EndsWith(",true", exported[1], StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.Run("revert", applied));
        Assert.Equal("Deleted", Assert.Single(_cli.Audit()).Outcome());
        Assert.Null(_fixture.Emulator.GetUserState(Users[0])!.QrCodePin);
    }
}
