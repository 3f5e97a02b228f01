using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Methods.Phones;
using GraphEmulator;
using GraphEmulator.Seed;
using Spectre.Console.Testing;

namespace BulkRegistrar.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public sealed class ExportTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;
    private readonly DirectorySeed _seed = InScopeForSms(EmulatorFixture.SampleSeed(), "oliver.brown@contoso.com", "james.garcia@contoso.com");

    public ExportTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Emulator.Reseed(_seed);
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _cli.Dispose();
    }

    [Fact]
    public async Task Export_of_every_user_applied_to_a_tenant_without_methods_rebuilds_the_same_directory()
    {
        // Give the seeded directory SMS sign-in on one mobile and an alternate on another, so the export has every method kind.
        var setup = _cli.WriteCsv("upn,mobile,alternateMobile,smsSignIn\noliver.brown@contoso.com,+44 7400123456,,true\njames.garcia@contoso.com,,+1 "
            + "4255550111,\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", setup));
        var before = Directory();
        Assert.Contains(before.Values, u => u.Phones.Contains(("mobile", "+44 7400123456", "ready")));

        Assert.Equal(ExitCodes.Success, await _cli.Run("export", "--all"));
        var export = _cli.RunFolder;
        Assert.True(File.Exists(export));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(export));
        }

        var lines = File.ReadAllLines(export);
        Assert.Equal("UserPrincipalName,MobilePhone,AlternateMobilePhone,OfficePhone,Email,SmsSignIn,ExternalMfaConfigurationId,QrCodePin", lines[0]);
        Assert.Equal(_seed.Users.Count, lines.Length - 1);
        Assert.Contains("oliver.brown@contoso.com,+44 7400123456,,,,true,,", lines); // numbers unmasked: the file is data

        // A fresh tenant: the same users, no methods.
        _fixture.Emulator.Reseed(Stripped(_seed));
        _fixture.Reset();
        Assert.All(Directory().Values, u => Assert.Empty(u.Phones));

        var exit = await _cli.Run("apply", export);

        // Users with no method at all come back as NothingToDo (nothing to apply), everything else is created.
        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        Assert.All(_cli.Audit(), r => Assert.True(r.Outcome() is "Created" or "Updated" || r.Error() == "NothingToDo", $"line {r.Line()} "
            + $"{r.Method()}: {r.Outcome()} {r.Error()}"));
        var after = Directory();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (user, state) in before)
        {
            Assert.Equal(state.Phones.Order(), after[user].Phones.Order());
            Assert.Equal(state.Email, after[user].Email);
        }
    }

    [Fact]
    public async Task Export_of_a_csvs_users_names_the_unknown_one_and_refuses_to_overwrite_a_file()
    {
        var csv = _cli.WriteCsv("upn,mobile\njames.garcia@contoso.com,\nsam.unknown@contoso.com,\nJAMES.GARCIA@contoso.com,\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("export", csv));

        Assert.Equal(
            ["UserPrincipalName,MobilePhone,AlternateMobilePhone,OfficePhone,Email,SmsSignIn,ExternalMfaConfigurationId,QrCodePin", "james.garcia@contoso.com,"
                + "+1 4255550100,,+1 4255550199x204,james.garcia.recovery@outlook.example,true,,"],
            File.ReadAllLines(_cli.RunFolder));
        Assert.Contains("sam.unknown@contoso.com: NotFound", _cli.Console.Output, StringComparison.Ordinal);

        var existing = _cli.RunFolder;
        Assert.Equal(ExitCodes.CannotProcess,
            await CliApp.RunAsync(["export", csv, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--out", existing],
                new Spectre.Console.Testing.TestConsole(), TimeProvider.System));
        Assert.Equal(2, File.ReadAllLines(existing).Length);
    }

    [Fact]
    public async Task Export_into_a_folder_that_does_not_exist_or_is_read_only_is_one_sentence_and_exit_2()
    {
        var missing = Path.Combine(_cli.Folder, "no-such-folder", "x.csv");
        using var readOnly = ReadOnlyMount.Create();
        var refused = Path.Combine(readOnly.Path, "x.csv");

        var (exitMissing, saidMissing) = await Export(missing);
        var (exitRefused, saidRefused) = await Export(refused);

        Assert.Equal((ExitCodes.CannotProcess, ExitCodes.CannotProcess), (exitMissing, exitRefused));
        OneSentence.In(saidMissing, $"Cannot create '{missing}': the folder '{Path.GetDirectoryName(missing)}' does not exist; create it or name "
            + $"another file with --out.");
        OneSentence.In(saidRefused, $"Cannot create '{refused}' (Read-only file system); name a file in a folder this account can write with --out.");
    }

    private async Task<(int Exit, string Output)> Export(string output)
    {
        var console = new TestConsole().Width(250);
        var exit = await CliApp.RunAsync(["export", "--all", "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--out", output], console,
            TimeProvider.System);
        return (exit, console.Output);
    }

    private static DirectorySeed Stripped(DirectorySeed seed) => new()
    {
        Policies = seed.Policies,
        Users = [.. seed.Users.Select(u => new SeedUser
        {
            Id = u.Id, UserPrincipalName = u.UserPrincipalName, DisplayName = u.DisplayName, UsageLocation = u.UsageLocation,
            Mail = u.Mail, SmsSignIn = u.SmsSignIn, Groups = u.Groups, TemporaryAccessPass = u.TemporaryAccessPass,
        })],
    };

    /// <summary>The strict emulator keeps users out of SMS sign-in unless the seed puts them in.</summary>
    private static DirectorySeed InScopeForSms(DirectorySeed seed, params string[] upns)
    {
        foreach (var upn in upns)
        {
            seed.Users.Single(u => u.UserPrincipalName == upn).SmsSignIn = "allowed";
        }

        return seed;
    }

    /// <summary>Numbers as Graph's canonical form: the strict emulator stores seeded numbers in other forms (+44 07400…).</summary>
    private static (string Type, string Number, string Sms) Canonical((string Type, string Number, string Sms) p) =>
        (p.Type, SameNumber.Canonical(p.Number)!, p.Sms);

    private Dictionary<string, (List<(string Type, string Number, string Sms)> Phones, string? Email)> Directory() =>
        _seed.Users.ToDictionary(u => u.UserPrincipalName, u =>
        {
            var s = _fixture.Emulator.GetUserState(u.Id)!;
            return (s.PhoneMethods.Select(p => Canonical((p.PhoneType, p.PhoneNumber, p.SmsSignInState))).ToList(), s.EmailAddress);
        });
}
