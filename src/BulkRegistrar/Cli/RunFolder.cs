using System.Globalization;

namespace BulkRegistrar.Cli;

/// <summary>
/// The folder a run writes into: <c>--out DIR</c>, or <c>&lt;OutputRoot&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;file stem&gt;/</c>.
/// validate, plan and apply share this layout (audit.jsonl, audit.csv, summary.json, run.log).
/// </summary>
internal static class RunFolder
{
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
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot create the run folder '{folder}': {e.Message}");
        }

        return Path.GetFullPath(folder);
    }
}
