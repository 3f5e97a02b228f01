using System.Globalization;
using BulkRegistrar.Audit;
using BulkRegistrar.Privacy;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// What a resume waits for before its first request. The end of the last Retry-After window Graph gave the interrupted run
/// (<see cref="RetryAfterMark"/>): a request inside it would count as an early retry and lengthen the wait. And, when that run
/// sent writes whose answers never came, the read-after-write lag after the last of them (<c>Dispatch:ReadAfterWriteLag</c>,
/// counted from <c>intents.jsonl</c>'s last change, recorded just before its last batch of writes was sent): such a write may have landed,
/// the resume reads the user before writing again, and a read sooner may not show it — the create would go twice. A write
/// Graph applied later than its batch left (a slow call) may show later still: the journal cannot say when Graph ran it. At most
/// <see cref="Longest"/>, in case a mark is bogus.
/// </summary>
internal static class ResumeWait
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When the interrupted run's unanswered writes show to reads; null when it left none (or no journal). Never later than the lag
    /// from now: a journal whose time is ahead of the clock (a skewed clock) does not hold the resume for longer.
    /// </summary>
    /// <param name="lag">Dispatch:ReadAfterWriteLag, already divided by the target's time compression.</param>
    public static DateTimeOffset? LagEnds(string runFolder, int unanswered, TimeSpan lag, TimeProvider time)
    {
        var intents = Path.Combine(runFolder, IntentJournal.FileName);
        if (unanswered == 0 || !File.Exists(intents))
        {
            return null;
        }

        var ends = new DateTimeOffset(File.GetLastWriteTimeUtc(intents), TimeSpan.Zero) + lag;
        var latest = time.GetUtcNow() + lag;
        return ends < latest ? ends : latest;
    }

    /// <summary>Waits for the later of the two (a stop ends the wait; the run then goes on as stopped, sending nothing new).</summary>
    public static async Task RunAsync(RunContext run, IAnsiConsole console, TimeProvider time, DateTimeOffset? lagEnds, CancellationToken ct)
    {
        var retryAfter = RetryAfterMark.Read(run.RunFolder);
        var (until, why) = retryAfter >= lagEnds || lagEnds is null
            ? (retryAfter, "Graph asked the interrupted run to wait (Retry-After) until then")
            : (lagEnds, "the interrupted run recorded writes whose answers never came (intents.jsonl); if they landed, a read sooner than "
                + "Dispatch:ReadAfterWriteLag after them may not show them yet");
        if (until is null || until.Value - time.GetUtcNow() is var left && left <= TimeSpan.Zero)
        {
            return;
        }

        var rest = left < Longest ? left : Longest;
        console.MarkupLine("[yellow]" + SafeConsole.Line($"Waiting {rest.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s before the first "
            + $"request: {why}.") + "[/]");
        run.Log.Information("Resume waits {WaitMs} ms until {Until:O}: {Why}", (long)rest.TotalMilliseconds, until, why);
        try
        {
            await Task.Delay(rest, time, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting: the run goes on as stopped (nothing new is sent).
        }
    }
}
