using System.Globalization;

namespace BulkRegistrar.Audit;

/// <summary>
/// <c>retry-after.txt</c> in an apply's run folder: the latest instant Graph has asked this run not to send before — a
/// Retry-After on an envelope, on a direct request or on any batch item, counted from its arrival, margin included —
/// rewritten (whole, by rename) whenever an answer moves it later. A run killed inside such a window cannot tell its
/// resume; this file does, and <c>apply --resume</c> waits the rest out before its first request, so a resumed run never
/// sends inside a window the killed one was given (Graph counts such a request as an early retry and lengthens the wait).
/// One ISO 8601 instant; nothing personal. Keeping it is best effort: the audit and the intent journal are the evidence,
/// and a disk that cannot take this file stops the run through them.
/// </summary>
internal sealed class RetryAfterMark(string runFolder, TimeProvider time)
{
    public const string FileName = "retry-after.txt";

    private readonly Lock _lock = new();
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    /// <summary>An answer asked to wait <paramref name="wait"/> (margin included) from now: kept when it ends later than any before.</summary>
    public void Note(TimeSpan wait)
    {
        var until = time.GetUtcNow() + wait;
        lock (_lock)
        {
            if (until <= _latest)
            {
                return;
            }

            _latest = until;
            var path = Path.Combine(runFolder, FileName);
            var next = path + ".tmp";
            try
            {
                File.WriteAllText(next, until.ToString("O", CultureInfo.InvariantCulture) + "\n");
                File.Move(next, path, overwrite: true);
            }
            catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
            {
                // Best effort (see the summary): a resume of this run then waits for the last mark kept, or none. A half-written
                // next mark (a full disk) is not left in the run folder.
                try
                {
                    File.Delete(next);
                }
                catch (Exception gone) when (EvidenceFailure.IsFileProblem(gone))
                {
                    // The folder itself is gone or read-only: nothing was left in it.
                }
            }
        }
    }

    /// <summary>The instant a run folder's last run was told not to send before, or null (none kept, or unreadable).</summary>
    public static DateTimeOffset? Read(string runFolder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(runFolder, FileName)).Trim();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until) ? until : null;
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            return null;
        }
    }
}
