using BulkRegistrar.Audit;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>TapStart in a real zone with daylight saving: a skipped or repeated local time is refused with why and how.</summary>
public class TapStartTextTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

    [Fact]
    public void Local_time_skipped_by_the_clocks_going_forward_is_refused_saying_it_does_not_exist_and_how_to_write_it()
    {
        var result = TapStartText.Parse("2027-03-28 01:30", London, "TapStart");

        Assert.Null(result.Start);
        Assert.Equal(
            "TapStart '2027-03-28 01:30' does not exist in Europe/London: the clocks go forward at 01:00 to 02:00 that night; " +
            "write a time after the change, or give it in UTC or with an offset (2027-03-28T01:30Z).",
            result.Problem);
    }

    [Fact]
    public void Local_time_repeated_by_the_clocks_going_back_is_refused_naming_both_offsets()
    {
        var result = TapStartText.Parse("2027-10-31 01:30", London, "--tap-start");

        Assert.Null(result.Start);
        Assert.Equal(
            "--tap-start '2027-10-31 01:30' happens twice in Europe/London, because the clocks go back that night; " +
            "give it with its offset: 2027-10-31T01:30+01:00 for the first time, 2027-10-31T01:30+00:00 for the second.",
            result.Problem);
    }

    [Theory]
    [InlineData("2027-03-28 02:00", "2027-03-28T01:00:00Z")] // just after the change: summer time
    [InlineData("2027-03-28 00:59", "2027-03-28T00:59:00Z")] // just before it: winter time
    [InlineData("2027-07-01T09:00", "2027-07-01T08:00:00Z")]
    [InlineData("2027-03-28T01:30Z", "2027-03-28T01:30:00Z")] // the form the refusal suggests
    [InlineData("2027-10-31T01:30+01:00", "2027-10-31T00:30:00Z")]
    public void Local_times_on_either_side_of_a_change_and_times_with_an_offset_are_read_exactly(string text, string utc)
    {
        var result = TapStartText.Parse(text, London, "TapStart");

        Assert.Null(result.Problem);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), result.Start);
    }

    [Fact]
    public void Date_whose_midnight_is_skipped_starts_when_its_clocks_do()
    {
        // Cuba moves its clocks from 00:00 to 01:00 (UTC-5 to UTC-4) on the second Sunday of March.
        var result = TapStartText.Parse("2027-03-14", Havana, "TapStart");

        Assert.Null(result.Problem);
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 5, 0, 0, TimeSpan.Zero), result.Start);
    }

    [Fact]
    public void Date_whose_midnight_happens_twice_starts_at_the_first()
    {
        // Cuba moves its clocks back from 01:00 to 00:00 (UTC-4 to UTC-5) on the first Sunday of November.
        var result = TapStartText.Parse("2027-11-07", Havana, "TapStart");

        Assert.Null(result.Problem);
        Assert.Equal(new DateTimeOffset(2027, 11, 7, 4, 0, 0, TimeSpan.Zero), result.Start);
    }

    [Fact]
    public void Tap_start_option_in_the_gap_of_the_configured_zone_is_refused_on_each_row_naming_the_option()
    {
        var validator = new RowValidator(new MethodDefaults(IssueTap: true, TapStart: "2027-03-28 01:30", TimeZone: London));

        var tap = Assert.Single(validator.Validate(TestRow.Of(2, "ann@contoso.com"), null).Methods, m => m.Method == MethodKind.TemporaryAccessPass);

        Assert.Equal(ErrorCodes.InvalidTap, tap.Error);
        Assert.StartsWith("--tap-start '2027-03-28 01:30' does not exist in Europe/London", tap.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01/09/2030")]
    [InlineData("2027-02-30")]
    [InlineData("2027-03-28 1:30 pm")]
    public void Text_that_is_no_date_is_still_told_it_is_not_a_date(string text)
    {
        Assert.StartsWith($"TapStart '{text}' is not a date;", TapStartText.Parse(text, London, "TapStart").Problem, StringComparison.Ordinal);
    }
}
