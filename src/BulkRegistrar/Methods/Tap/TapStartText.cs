using System.Globalization;

namespace BulkRegistrar.Methods.Tap;

/// <summary>
/// A TapStart cell (or <c>--tap-start</c>) as an instant: an ISO date-time with an offset as written, else a
/// local date or date-time in the run's time zone (<c>Run:TimeZone</c>, else this computer's). A local time
/// that daylight saving skips or repeats names no single instant, so it is refused with a sentence saying
/// why and how to write it, never reported as "not a date" nor silently moved by an hour. A date alone
/// means the start of that day: its first moment, also when midnight itself is skipped or repeated.
/// </summary>
internal static class TapStartText
{
    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <param name="Start">The instant, or null with <paramref name="Problem"/> saying what is wrong.</param>
    /// <param name="Problem">Null, or the sentence for the audit; it names where the text came from (the column or the option).</param>
    internal readonly record struct Result(DateTimeOffset? Start, string? Problem);

    /// <param name="source">What the text came from, for the sentence: <c>TapStart</c> or <c>--tap-start</c>.</param>
    public static Result Parse(string text, TimeZoneInfo zone, string source)
    {
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Local(text, local, zone, source, dateOnly: text.Length == "yyyy-MM-dd".Length);
        }

        var withOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        return withOffset && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? new Result(instant, null)
            : new Result(null, $"{source} '{text}' is not a date; write yyyy-MM-dd (the hire date), yyyy-MM-dd HH:mm (in the configured time zone, "
                + "Run:TimeZone) or an ISO date-time with an offset.");
    }

    private static Result Local(string text, DateTime local, TimeZoneInfo zone, string source, bool dateOnly)
    {
        if (zone.IsInvalidTime(local))
        {
            var (from, to) = (GapStart(local, zone), GapEnd(local, zone));
            if (dateOnly)
            {
                return new Result(Utc(to, zone), null); // the day begins when its clocks do
            }

            var example = local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) + "Z";
            return new Result(null,
                $"{source} '{text}' does not exist in {zone.Id}: the clocks go forward at {Clock(from)} to {Clock(to)} that night; " +
                $"write a time after the change, or give it in UTC or with an offset ({example}).");
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local).Order().ToArray();
            if (dateOnly)
            {
                return new Result(new DateTimeOffset(local, offsets[^1]), null); // the first of the two midnights
            }

            var stamp = local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            return new Result(null,
                $"{source} '{text}' happens twice in {zone.Id}, because the clocks go back that night; " +
                $"give it with its offset: {stamp}{Offset(offsets[^1])} for the first time, {stamp}{Offset(offsets[0])} for the second.");
        }

        return new Result(Utc(local, zone), null);
    }

    private static DateTimeOffset Utc(DateTime local, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);

    // A gap is at most a day (Samoa, 2011) and usually an hour; found by the minute, only for a cell that falls in one.
    private static DateTime GapStart(DateTime local, TimeZoneInfo zone)
    {
        var start = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < 2 * 24 * 60 && zone.IsInvalidTime(start.AddMinutes(-1)); i++)
        {
            start = start.AddMinutes(-1);
        }

        return start;
    }

    private static DateTime GapEnd(DateTime local, TimeZoneInfo zone)
    {
        var end = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < 2 * 24 * 60 && zone.IsInvalidTime(end); i++)
        {
            end = end.AddMinutes(1);
        }

        return end;
    }

    private static string Clock(DateTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
