using System.Globalization;
using BulkRegistrar.Audit;
using BulkRegistrar.Resume;

namespace BulkRegistrar.Inbox;

/// <summary>The run folders of an inbox's files under its <c>runs/</c>: a new one per file, or the unfinished run of that very file.</summary>
internal sealed class InboxRuns(string runs, TimeProvider time)
{
    /// <summary>A folder not yet taken: <c>&lt;yyyyMMdd-HHmmss&gt;-&lt;file&gt;</c>, then <c>-2</c>, <c>-3</c>…</summary>
    public string NewFolder(string file)
    {
        var stamp = time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var stem = Path.GetFileNameWithoutExtension(file);
        var folder = Path.Combine(runs, $"{stamp}-{stem}");
        for (var n = 2; Directory.Exists(folder); n++)
        {
            folder = Path.Combine(runs, $"{stamp}-{stem}-{n}");
        }

        return folder;
    }

    /// <summary>
    /// The newest run folder of this very file (same path and SHA-256, per its run.json) that did not finish — killed,
    /// or stopped by a signal or the target — or null. A plan, or a run that died before writing run.json, is not resumable.
    /// </summary>
    public string? Unfinished(string file)
    {
        if (!Directory.Exists(runs))
        {
            return null;
        }

        var hash = Reading.FileHash.Sha256Of(file);
        var path = Path.GetFullPath(file);
        foreach (var folder in Directory.EnumerateDirectories(runs).OrderByDescending(f => f, StringComparer.Ordinal))
        {
            if (RunManifest.TryRead(folder) is { } manifest && manifest.Input == path && manifest.Sha256 == hash)
            {
                // Resume asks the same of the folder (FinishedRun): a summary that cannot be read says nothing.
                return SummaryFile.Read(folder) is { Finished: true } ? null : folder;
            }
        }

        return null;
    }
}
