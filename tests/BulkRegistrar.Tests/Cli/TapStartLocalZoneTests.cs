using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Cli;

/// <summary>
/// The CLI as a child process whose own time zone is Europe/London (TZ, no Run:TimeZone): a TapStart the
/// clocks skip is refused with why, through this computer's zone as a scheduled run would see it.
/// </summary>
public sealed class TapStartLocalZoneTests : IDisposable
{
    private readonly CliRun _files = new(prefix: "tz-");

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task TapStart_in_the_daylight_saving_gap_of_this_computers_zone_is_refused_saying_the_time_does_not_exist()
    {
        var csv = _files.WriteFile("hires.csv", "upn,IssueTap,TapStart\nann@contoso.com,true,2027-03-28 01:30\nbob@contoso.com,true,2027-03-28 02:30\n");
        using var cli = CliProcess.WithEnvironment(_files.RunFolder, new Dictionary<string, string?> { ["TZ"] = "Europe/London" }, "validate", csv);

        Assert.Equal(ExitCodes.RowsNeedAttention, await cli.WaitForExit());

        var records = cli.Audit().ToDictionary(r => r.GetProperty("line").GetInt32());
        Assert.Equal("InvalidTap", records[2].GetProperty("error").GetString());
        Assert.StartsWith("TapStart '2027-03-28 01:30' does not exist in Europe/London: the clocks go forward at 01:00 to 02:00",
            records[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        // 02:30 is summer time (UTC+1) in London: proof the child really ran in that zone, not in UTC.
        Assert.Equal("Valid", records[3].GetProperty("outcome").GetString());
        Assert.Equal("start=2027-03-28T01:30:00Z", records[3].GetProperty("normalized").GetString());
        // The console says it too, the time and how to write it readable (a date is not a phone number to mask).
        Assert.Contains("TapStart '2027-03-28 01:30' does not exist in Europe/London".Flat(), cli.Output.Flat(), StringComparison.Ordinal);
        Assert.Contains("give it in UTC or with an offset (2027-03-28T01:30Z).".Flat(), cli.Output.Flat(), StringComparison.Ordinal);
    }
}
