using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Password reset: refused app-only before any row; performed with a delegated token that the real
/// Azure.Identity DeviceCodeCredential obtains through the emulator's device-code flow.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class PasswordResetTests : IDisposable
{
    private const string Admin = "olivia.johnson@contoso.com";
    private const string User = "daan.vandijk@contoso.com";
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public PasswordResetTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _fixture.Emulator.SetDeviceCodeAdmin(Admin);
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.Emulator.SetDeviceCodeAdmin(null);
        _cli.Dispose();
    }

    [Fact]
    public async Task A_reset_asked_for_in_an_app_only_run_is_refused_before_any_row_or_request()
    {
        var csv = _cli.WriteCsv($"upn,ResetPassword\n{User},true\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("apply", csv));

        Assert.Contains("delegated", _cli.Console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
        Assert.Equal(0, _fixture.Emulator.GetStats().Requests);
    }

    [Fact]
    public async Task Device_code_sign_in_resets_the_password_polls_the_operation_to_success_and_hands_off_the_generated_password()
    {
        var csv = _cli.WriteCsv($"upn,ResetPassword\n{User},true\n");

        var exit = await _cli.Run("apply", csv, "--device-code");
        Assert.True(exit == ExitCodes.Success, _cli.Console.Output);

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("password", "Updated"), (record.Method(), record.Outcome()));
        Assert.Contains("enter the code", _cli.Console.Output, StringComparison.Ordinal);
        Assert.Equal(1, _fixture.Emulator.GetUserState(User)!.PasswordResets);
        var line = File.ReadAllLines(Path.Combine(_cli.RunFolder, "handoff.csv"))[1].Split(',');
        Assert.Equal((User, "password"), (line[0], line[2]));
        var password = line[3];
        Assert.Equal(16, password.Length);
        foreach (var file in Directory.GetFiles(_cli.RunFolder).Where(f => !f.EndsWith("handoff.csv", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(password, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(password, _cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_whose_operation_ends_failed_is_PasswordResetFailed_and_hands_off_nothing()
    {
        _fixture.Emulator.FailNextPasswordResets(User);

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", _cli.WriteCsv($"upn,ResetPassword\n{User},true\n"), "--device-code"));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("Failed", "PasswordResetFailed"), (record.Outcome(), record.Error()));
        Assert.Contains("complexity", record.GetProperty("message").GetString());
        Assert.False(File.Exists(Path.Combine(_cli.RunFolder, "handoff.csv")));
    }

    [Fact]
    public async Task Chosen_passwords_from_an_owner_only_file_are_used_written_nowhere_and_a_user_without_one_is_not_reset()
    {
        const string Chosen = "Welcome-To-Contoso-2026!";
        const string Other = "jack.campbell@contoso.com";
        var passwords = Path.Combine(_cli.Folder, "passwords.csv");
        File.WriteAllText(passwords, $"UserPrincipalName,Password\n{User},{Chosen}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var csv = _cli.WriteCsv($"upn,ResetPassword\n{User},true\n{Other},true\n");

        var exit = await _cli.Run("apply", csv, "--device-code", "--new-passwords", passwords);

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        var records = _cli.Audit().ToDictionary(r => r.GetProperty("user").GetString()!);
        Assert.Equal("Updated", records[User].Outcome());
        Assert.Contains("--new-passwords", records[User].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Skipped", "PasswordNotGiven"), (records[Other].Outcome(), records[Other].Error()));
        Assert.Equal(1, _fixture.Emulator.GetUserState(User)!.PasswordResets);
        Assert.Equal(0, _fixture.Emulator.GetUserState(Other)!.PasswordResets);
        Assert.False(File.Exists(Path.Combine(_cli.RunFolder, "handoff.csv"))); // nothing was generated
        foreach (var file in Directory.GetFiles(_cli.RunFolder))
        {
            Assert.DoesNotContain(Chosen, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Chosen, _cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passwords_file_others_can_read_is_refused_before_anything_is_sent()
    {
        var passwords = Path.Combine(_cli.Folder, "passwords.csv");
        File.WriteAllText(passwords, $"UserPrincipalName,Password\n{User},Welcome-To-Contoso-2026!\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var exit = await _cli.Run("apply", _cli.WriteCsv($"upn,ResetPassword\n{User},true\n"), "--device-code", "--new-passwords", passwords);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("chmod 600", _cli.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome-To-Contoso", _cli.Console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
        Assert.Equal(0, _fixture.Emulator.GetStats().Requests);
    }
}
