namespace BulkRegistrar.Handoff;

/// <summary>What is already there: an existing hand-off file or folder read, a new folder made owner-only, and tidied at the end.</summary>
internal sealed partial class HandoffFile
{
    /// <summary>Creates the folder owner-only (0700 on Unix) when it does not exist; an existing folder keeps its mode.</summary>
    /// <returns>Whether it was made now.</returns>
    internal static bool CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return true;
    }

    /// <summary>Reads whom an existing hand-off holds secrets for; checks where a new one would go.</summary>
    private void ReadExisting(string shownAs)
    {
        if (!IsFolder)
        {
            if (Directory.Exists(Path))
            {
                throw new UsageException($"The hand-off file '{shownAs}' is a folder; --handoff names a file, such as "
                    + $"'{System.IO.Path.Combine(Path, DefaultName)}' "
                    + "(a folder only with --handoff-by manager or --handoff-recipient). Nothing was sent.");
            }

            if (File.Exists(Path))
            {
                Hold(HandoffCsv.Held(Path, shownAs));
                return;
            }
        }
        else if (File.Exists(Path))
        {
            throw new UsageException($"The hand-off '{shownAs}' is a file; with --handoff-by manager or --handoff-recipient, --handoff names a "
                + $"folder (one file per {(ByManager ? "manager" : "secret")} goes in it). Nothing was sent.");
        }
        else if (Directory.Exists(Path))
        {
            ReadFolder(shownAs);
            return;
        }

        var parent = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(parent))
        {
            throw new UsageException($"The hand-off folder '{parent}' does not exist, so passes and passwords would have nowhere to go; "
                + "create it or name another with --handoff. Nothing was sent.");
        }
    }

    /// <summary>
    /// An existing hand-off folder: owner-only, its plain manager files (<c>*.csv</c>) read line by line, its encrypted files
    /// (<c>*.csv.p7m</c>, directly or in a manager's subfolder) by their names — a file with content holds its user's secret.
    /// </summary>
    private void ReadFolder(string shownAs)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Path) & OthersMay) != 0)
        {
            throw new UsageException($"The hand-off folder '{shownAs}' can be entered by other accounts; it holds passes. Restrict it (chmod "
                + "700) or name a new one with --handoff.");
        }

        foreach (var csv in Directory.EnumerateFiles(Path, "*" + HandoffNames.PlainExtension))
        {
            Hold(HandoffCsv.Held(csv, csv));
        }

        foreach (var folder in Directory.EnumerateDirectories(Path).Prepend(Path))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*" + HandoffNames.SealedExtension))
            {
                if (HandoffNames.ParseSealed(System.IO.Path.GetFileName(file)) is { } held && new FileInfo(file).Length > 0)
                {
                    _held.Add(Key(held.Method, held.User));
                }
            }
        }
    }

    private void Hold(IEnumerable<(string Method, string User)> held)
    {
        foreach (var (method, user) in held)
        {
            _held.Add(Key(method, user));
        }
    }

    /// <summary>A folder that takes no file is found now, not at the first secret: a probe file made, written through and removed.</summary>
    private static void Probe(string folder)
    {
        var probe = System.IO.Path.Combine(folder, $".probe-{Guid.NewGuid():N}");
        using (var file = new FileStream(probe, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }))
        {
            file.Flush(flushToDisk: true);
        }

        File.Delete(probe);
    }

    /// <summary>A folder this run made that ended up with no secret in it (no secret came) is removed, with its empty manager subfolders.</summary>
    private void RemoveEmptyFolders()
    {
        if (!IsFolder || !Directory.Exists(Path))
        {
            return;
        }

        foreach (var sub in Directory.EnumerateDirectories(Path).ToList())
        {
            if (!Directory.EnumerateFileSystemEntries(sub).Any())
            {
                Directory.Delete(sub);
            }
        }

        if (_madeFolder && !Directory.EnumerateFileSystemEntries(Path).Any())
        {
            Directory.Delete(Path);
        }
    }
}
