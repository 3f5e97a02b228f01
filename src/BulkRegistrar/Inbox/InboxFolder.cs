using System.Globalization;

namespace BulkRegistrar.Inbox;

/// <summary>
/// The files of an inbox folder: which are ready (settled), and where each goes once processed. A file
/// is never overwritten: a name already taken in processed/ or failed/ gets a timestamp, then a counter.
/// </summary>
internal sealed class InboxFolder(string folder, TimeProvider time)
{
    public string Processed => Path.Combine(folder, "processed");

    public string Failed => Path.Combine(folder, "failed");

    /// <summary>Every *.csv directly in the folder (any case: HR's <c>NewHires.CSV</c> too), oldest first; those still being written are listed
    /// apart.</summary>
    public (IReadOnlyList<string> Ready, IReadOnlyList<string> Unsettled) List(TimeSpan settle)
    {
        // "*" and our own extension test, not a "*.csv" pattern: the pattern is case-sensitive on Linux.
        var files = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.TopDirectoryOnly)
            .Where(f => string.Equals(f.Extension, ".csv", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        var ready = files.Where(f => now - f.LastWriteTimeUtc >= settle).Select(f => f.FullName).ToList();
        return (ready, files.Select(f => f.FullName).Except(ready).ToList());
    }

    /// <summary>True when the file did not change between listing and now (a writer still appending would change it).</summary>
    public static bool Unchanged(string path, long length, DateTime lastWrite)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == length && info.LastWriteTimeUtc == lastWrite;
    }

    /// <exception cref="RunProblemException">The destination cannot be created or written (read-only, full disk): the file stays.</exception>
    public string MoveTo(string file, string destination)
    {
        try
        {
            return Move(file, destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunProblemException($"{Path.GetFileName(file)} cannot be moved to {destination} ({IoReason.Of(e)}); it stays in the inbox. "
                + $"Make that folder writable for the account that runs BulkRegistrar.");
        }
    }

    private string Move(string file, string destination)
    {
        Directory.CreateDirectory(destination);
        var stem = Path.GetFileNameWithoutExtension(file);
        var extension = Path.GetExtension(file);
        var stamp = time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var n = 0; ; n++)
        {
            var name = n switch { 0 => stem + extension, 1 => $"{stem}-{stamp}{extension}", _ => $"{stem}-{stamp}-{n}{extension}" };
            var target = Path.Combine(destination, name);
            if (File.Exists(target))
            {
                continue;
            }

            try
            {
                File.Move(file, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Taken between the check and the move: try the next name.
            }
        }
    }
}
