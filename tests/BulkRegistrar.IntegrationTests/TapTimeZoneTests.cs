using BulkRegistrar.Audit;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The CLI as a child process under another time zone (TZ; .NET reads the zone once per process, so only a process of its
/// own can have another), applying passes against the strict emulator: the instant the emulator received is the one the
/// row meant — a hire date as the tenant stores it, a local time through the zone's daylight saving — never shifted by
/// this computer's offset, and a local time the clocks skip is refused before anything is sent.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class TapTimeZoneTests : IDisposable
{
    private const string FutureHire = "louis.durand@contoso.com";
    private const string PastHire = "jack.campbell@contoso.com";
    private const string NoHireDate = "miguel.souza@contoso.com";
    private const string InTheGap = "aarav.reddy@contoso.com";
    private const string AfterTheGap = "daan.vandijk@contoso.com";
    private const string DayOfTheChange = "hugo.sanchez@contoso.com";
    private static readonly DateTimeOffset Hired = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HiredLongAgo = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly StrictEmulatorFixture _fixture;
    private readonly CliRun _files = new(prefix: "tap-tz-");

    public TapTimeZoneTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        var seed = EmulatorFixture.SampleSeed();
        seed.Users.Single(u => u.UserPrincipalName == FutureHire).EmployeeHireDate = Hired;
        seed.Users.Single(u => u.UserPrincipalName == PastHire).EmployeeHireDate = HiredLongAgo;
        _fixture.Emulator.Reseed(seed);
        _fixture.Reset();
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _files.Dispose();
    }

    [Theory]
    // New York springs forward on 14 March 2027 at 02:00 EST to 03:00 EDT; London on 28 March 2027 at 01:00 GMT to 02:00 BST.
    [InlineData("America/New_York", "2027-03-14", "02:30", "03:30", "2027-03-14T07:30:00Z", "2027-03-14T05:00:00Z")]
    [InlineData("Europe/London", "2027-03-28", "01:30", "02:30", "2027-03-28T01:30:00Z", "2027-03-28T00:00:00Z")]
    public async Task Pass_starts_reach_Graph_as_the_instant_meant_under_a_non_UTC_time_zone(string zone, string day, string gap, string afterGap,
        string afterGapUtc, string dayStartUtc)
    {
        var csv = _files.WriteFile("hires.csv", "upn,IssueTap,TapStart\n"
            + $"{FutureHire},true,hireDate\n{PastHire},true,hireDate\n{NoHireDate},true,hireDate\n"
            + $"{InTheGap},true,{day} {gap}\n{AfterTheGap},true,{day} {afterGap}\n{DayOfTheChange},true,{day}\n");
        var config = _files.WriteFile("config.json", """{ "Dispatch": { "MaxRetryTime": "00:10:00", "NewUserWindow": "00:00:00" } }""");
        using var cli = CliProcess.WithEnvironment(_files.RunFolder, new Dictionary<string, string?> { ["TZ"] = zone },
            "apply", csv, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", config);

        Assert.Equal(ExitCodes.RowsNeedAttention, await cli.WaitForExit());

        var records = cli.Audit().ToDictionary(r => r.GetProperty("user").GetString()!);
        Assert.Equal(Hired, Received(FutureHire));
        Assert.Equal("Created", records[PastHire].Outcome());
        Assert.True(Received(PastHire) > HiredLongAgo, "a hire date that has passed starts the pass now, not in the past");
        Assert.Equal(("Invalid", "NoHireDate"), (records[NoHireDate].Outcome(), records[NoHireDate].Error()));
        Assert.Equal(("Invalid", "InvalidTap"), (records[InTheGap].Outcome(), records[InTheGap].Error()));
        Assert.StartsWith($"TapStart '{day} {gap}' does not exist in {zone}", records[InTheGap].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse(afterGapUtc, System.Globalization.CultureInfo.InvariantCulture), Received(AfterTheGap));
        Assert.Equal(DateTimeOffset.Parse(dayStartUtc, System.Globalization.CultureInfo.InvariantCulture), Received(DayOfTheChange));
        Assert.Null(_fixture.Emulator.GetUserState(NoHireDate)!.TemporaryAccessPass);
        Assert.Null(_fixture.Emulator.GetUserState(InTheGap)!.TemporaryAccessPass);
    }

    /// <summary>The start of the pass the emulator holds for the user, in UTC.</summary>
    private DateTimeOffset? Received(string user) => _fixture.Emulator.GetUserState(user)!.TemporaryAccessPass?.StartDateTime.ToUniversalTime();
}
