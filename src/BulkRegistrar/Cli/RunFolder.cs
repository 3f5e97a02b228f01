using System.Globalization;

namespace BulkRegistrar.Cli;

/// <summary>
/// The folder a run writes into: <c>--out DIR</c>, or <c>&lt;OutputRoot&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;file stem&gt;/</c>.
/// validate, plan and apply share this layout (audit.jsonl, audit.csv, summary.json, run.log).
/// A run folder is the evidence of one run: it is never reused, so an earlier run's audit cannot be
/// overwritten or mixed with a later one.
/// </summary>
internal static class RunFolder
{
    /// <summary>Refuses an explicit folder that already holds anything; called before the input is read.</summary>
    public static void CheckUnused(string? explicitFolder)
    {
        if (string.IsNullOrWhiteSpace(explicitFolder))
        {
            return;
        }

        if (File.Exists(explicitFolder))
        {
            throw new UsageException($"--out '{explicitFolder}' is a file; name a new or empty folder for the run.");
        }

        if (Directory.Exists(explicitFolder) && Directory.EnumerateFileSystemEntries(explicitFolder).Any())
        {
            throw new UsageException($"The run folder '{explicitFolder}' is not empty: it holds an earlier run's evidence, which is never "
                + $"overwritten. Name a new folder with --out, or leave --out out for a fresh one.");
        }
    }

    public static string Create(string? explicitFolder, string outputRoot, string inputPath, TimeProvider time)
    {
        var folder = explicitFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            var stamp = time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var stem = Path.GetFileNameWithoutExtension(inputPath);
            folder = Path.Combine(outputRoot, $"{stamp}-{stem}");
            // Two runs of the same file in one second must not share a folder.
            for (var n = 2; Directory.Exists(folder); n++)
            {
                folder = Path.Combine(outputRoot, $"{stamp}-{stem}-{n}");
            }
        }

        try
        {
            State.OwnerOnly.Folder(folder); // who has which phone: readable by the account that runs us only
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunProblemException($"Cannot create the run folder '{folder}' ({IoReason.Of(e)}); make its parent writable for the account "
                + $"that runs BulkRegistrar, or name another --out (Run:OutputRoot).");
        }

        // Checked again now that it exists: another process may have written into it meanwhile.
        CheckUnused(folder);
        return Path.GetFullPath(folder);
    }
}
