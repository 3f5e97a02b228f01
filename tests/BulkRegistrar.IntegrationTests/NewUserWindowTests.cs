using BulkRegistrar.Audit;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Dispatch:NewUserWindow end to end: a hire HR provisioning created a moment ago (the emulator's <c>appearsAfterSeconds</c>,
/// in emulated time, k = 50) is looked up again until they appear, and only the waiting user waits.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class NewUserWindowTests : IDisposable
{
    private const string Late = "nina.late@contoso.com";
    private const string LateId = "5d3c1f0e-7a1b-4c2d-9e8f-0a1b2c3d4e5f";
    private const string Present = "louis.durand@contoso.com";
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public NewUserWindowTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _cli.Dispose();
    }

    /// <summary>The sample directory plus a hire who appears <paramref name="seconds"/> emulated seconds after this reseed.</summary>
    private void SeedLateHire(double seconds)
    {
        var seed = EmulatorFixture.SampleSeed();
        seed.Users.Add(new SeedUser
        {
            Id = LateId, UserPrincipalName = Late, DisplayName = "Nina Late", UsageLocation = "GB",
            AppearsAfterSeconds = seconds,
        });
        _fixture.Emulator.Reseed(seed);
        _fixture.Reset();
    }

    private void Window(string window) =>
        File.WriteAllText(_cli.ConfigPath, $$"""{ "Dispatch": { "MaxRetryTime": "00:10:00", "NewUserWindow": "{{window}}" } }""");

    [Fact]
    public async Task A_hire_who_appears_a_few_minutes_late_is_Created_not_NotFound_while_the_others_go_ahead()
    {
        SeedLateHire(seconds: 200); // 4 s on the wall clock; the window is 10 minutes of tenant time (12 s)
        Window("00:10:00");
        var csv = _cli.WriteCsv($"upn,mobile\n{Late},+44 7400 123001\n{Present},+44 7400 123002\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv));

        var records = _cli.Audit();
        Assert.All(records, r => Assert.Equal("Created", r.Outcome()));
        Assert.Equal("mobile", _fixture.Emulator.GetUserState(Late)!.PhoneMethods.Single().PhoneType);
        Assert.Matches(@"The user appeared in the tenant only after \d+ (seconds|minutes?) of look-ups \(Dispatch:NewUserWindow\)\.$",
            records.Single(r => r.GetProperty("user").GetString() == Late).GetProperty("message").GetString());
        Assert.DoesNotContain("appeared", records.Single(r => r.GetProperty("user").GetString() == Present).GetProperty("message").GetString(),
            StringComparison.Ordinal);
        // The user already there was not held up by the one waiting: its record reached the audit first.
        Assert.Equal([Present, Late], records.Select(r => r.GetProperty("user").GetString()));
        var lookups = _fixture.Emulator.GetRequestLog().Count(e => e.Method == "GET" && e.Url.Contains("nina.late", StringComparison.Ordinal)
            && e.Status == 404);
        Assert.InRange(lookups, 2, 8);
    }

    [Fact]
    public async Task A_hire_waiting_to_appear_holds_up_neither_the_write_first_probe_nor_the_users_after_it()
    {
        SeedLateHire(seconds: 300); // 6 s on the wall clock
        Window("00:10:00");
        string[] present = ["louis.durand", "jack.campbell", "miguel.souza", "aarav.reddy", "daan.vandijk", "hugo.sanchez", "leonardo.esposito",
            "haruto.tanaka", "liam.cote"];
        var csv = _cli.WriteCsv($"upn,mobile\n{Late},+44 7400 123001\n"
            + string.Concat(present.Select((u, i) => $"{u}@contoso.com,+44 7400 12310{i}\n")));

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv));

        var records = _cli.Audit();
        Assert.All(records, r => Assert.Equal("Created", r.Outcome()));
        // The late hire is one of the write-first probe's first eight users; the users after the probe wait for its verdict, yet
        // every other user's phone was written before the late hire's lookup first found them: nobody waited for them.
        var log = _fixture.Emulator.GetRequestLog();
        var found = log.Where(e => e.Method == "GET" && e.Status == 200 && IsLate(e.Url)).Min(e => e.Time);
        var others = log.Where(e => e.Method == "POST" && e.Url.Contains("/phoneMethods", StringComparison.Ordinal) && !IsLate(e.Url)).ToList();
        Assert.Equal(present.Length, others.Count(e => e.WriteApplied));
        Assert.All(others, e => Assert.True(e.Time < found, $"{e.Url} was written at {e.Time:HH:mm:ss.fff}, after the late hire appeared "
            + $"({found:HH:mm:ss.fff})"));
    }

    private static bool IsLate(string url) => url.Contains("nina.late", StringComparison.Ordinal) || url.Contains(LateId, StringComparison.Ordinal);

    [Fact]
    public async Task With_the_window_at_zero_a_hire_not_there_yet_is_NotFound_at_once()
    {
        SeedLateHire(seconds: 3000);
        Window("00:00:00");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", _cli.WriteCsv($"upn,mobile\n{Late},+44 7400 123001\n")));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("NotFound", "NotFound"), (record.Outcome(), record.Error()));
        Assert.DoesNotContain("looked up again", record.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_user_who_never_appears_is_NotFound_after_the_window_and_the_record_says_how_long_it_waited()
    {
        SeedLateHire(seconds: 3000);
        Window("00:02:00"); // 2.4 s on the wall clock

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("plan", _cli.WriteCsv($"upn,mobile\n{Late},+44 7400 123001\n")));

        var record = Assert.Single(_cli.Audit());
        Assert.Equal(("NotFound", "NotFound"), (record.Outcome(), record.Error()));
        Assert.Contains("It was looked up again for 2 minutes (Dispatch:NewUserWindow)", record.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
