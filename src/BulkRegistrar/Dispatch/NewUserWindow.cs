using System.Globalization;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// <c>Dispatch:NewUserWindow</c>: a user the lookup answers 404 for may be one HR provisioning created minutes ago, which
/// the directory does not show everywhere yet (docs/graph-behaviour.md §13.2), so the lookup is repeated with backoff for
/// this long before the user is <c>NotFound</c>. The window is tenant time: its waits run on the run's
/// <see cref="TimeProvider"/> and are divided by the target's time compression k, like every other wait of a run. Only
/// the waiting user waits: <paramref name="parked"/> tells the pipeline, which lets the next user take its place.
/// </summary>
/// <param name="stopping">Ends the waits when the run stops or is aborted; the look-up that follows then reports why.</param>
internal sealed class NewUserWindow(TimeSpan window, TimeProvider time, double timeCompression, CancellationToken stopping)
{
    /// <summary>The first wait; each later one doubles, up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(15);

    /// <summary>So a user who appears is noticed within two minutes of appearing, at eight to ten look-ups per 10-minute window.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    public TimeSpan Window => window;

    /// <summary>The waits before each re-check, in tenant time: 15 s doubling up to 2 min, the last cut so that they add up to the window.</summary>
    public static IReadOnlyList<TimeSpan> Schedule(TimeSpan window)
    {
        var waits = new List<TimeSpan>();
        var left = window;
        var next = FirstWait;
        while (left > TimeSpan.Zero)
        {
            var wait = next < left ? next : left;
            waits.Add(wait);
            left -= wait;
            next = next * 2 < LongestWait ? next * 2 : LongestWait;
        }

        return waits;
    }

    /// <summary>Waits out the schedule, asking <paramref name="found"/> after each wait until it says yes.</summary>
    /// <param name="parked">Called once, before the first wait.</param>
    /// <returns>Whether the user appeared, and how long (tenant time) was waited until then.</returns>
    public async Task<(bool Found, TimeSpan Waited)> WaitForAsync(Func<Task<bool>> found, Action? parked = null)
    {
        var waited = TimeSpan.Zero;
        var schedule = Schedule(window);
        if (schedule.Count > 0)
        {
            parked?.Invoke();
        }

        foreach (var wait in schedule)
        {
            try
            {
                await Task.Delay(wait / Math.Max(1, timeCompression), time, stopping);
            }
            catch (OperationCanceledException)
            {
                // Stopped or aborted: one last look-up, which the transport refuses with the reason the user's records give.
                return (await found(), waited);
            }

            waited += wait;
            if (await found())
            {
                return (true, waited);
            }
        }

        return (false, waited);
    }

    /// <summary>"10 minutes", "90 seconds": how long a record says it waited.</summary>
    public static string Say(TimeSpan waited) => waited.TotalSeconds % 60 == 0 && waited >= TimeSpan.FromMinutes(1)
        ? Count((int)waited.TotalMinutes, "minute")
        : Count((int)Math.Round(waited.TotalSeconds), "second");

    private static string Count(int n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? "" : "s");
}
