namespace BulkRegistrar.State;

/// <summary>The store's folder and file before SQLite opens them: created owner-only when missing, each failure one sentence.</summary>
internal static class StateFiles
{
    public static void Prepare(StateProblems problems)
    {
        var path = problems.Path;
        if (Directory.Exists(path))
        {
            throw problems.IsAFolder();
        }

        var folder = System.IO.Path.GetDirectoryName(path)!;
        try
        {
            OwnerOnly.Folder(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StateProblems.Folder(folder, e);
        }

        try
        {
            OwnerOnly.File(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw problems.File(e);
        }
    }
}
