using System.Globalization;

namespace BulkRegistrar.Cli;

/// <summary>
/// The pre-flight look at the run folder's disk: a warning when it has less free space than <c>Run:MinFreeSpaceMB</c>
/// or than an estimate of what this file's audit will take. Only a warning, by decision: the write-ahead journal
/// makes a disk that fills up safe (nothing more is sent, the evidence is kept, resume finishes), while a refusal
/// on an estimate could stop a nightly run that would have fitted.
/// </summary>
internal static class FreeSpace
{
    /// <summary>Bytes of evidence (audit.jsonl, audit.csv, intents.jsonl) per byte of input, measured on the samples with margin.</summary>
    public const int EvidencePerInputByte = 12;

    /// <returns>The warning sentence, or null when there is room (or the disk cannot be asked).</returns>
    public static string? Warning(string runFolder, long inputBytes, long minFreeMB)
    {
        long free;
        try
        {
            free = new DriveInfo(runFolder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // not a question this platform answers for this path: the write-ahead guard still holds
        }

        var needed = Math.Max(minFreeMB * 1024 * 1024, inputBytes * EvidencePerInputByte);
        return free >= needed
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"Only {free / (1024.0 * 1024):0.#} MB free on the disk of {runFolder} (this file's audit may need about "
                    + $"{inputBytes * EvidencePerInputByte / (1024.0 * 1024):0.#} MB; Run:MinFreeSpaceMB is {minFreeMB}). If it fills up, sending "
                    + $"stops with the evidence kept; free space and run apply --resume.");
    }
}
