namespace BulkRegistrar.Handoff;

/// <summary>
/// The encrypted hand-off: one CMS file per secret (<see cref="HandoffNames.Sealed"/>), so each opens on its own with
/// <c>openssl cms -decrypt</c> and a slot is either empty or a whole message (written beside it and moved over it). Before the
/// secret is asked for its file — the slot — is created empty and owner-only (so a folder that cannot take it stops the
/// secret before it exists, as the plain file's header does); after Graph's answer the sealed bytes are written into it
/// and through to the disk. The plain content exists only in memory. A slot still empty at the end (no secret came, or
/// its write failed) is removed; an empty one left by a killed run is reused. The caller holds its lock around every call.
/// </summary>
internal sealed class SealedSlots(HandoffRecipient recipient)
{
    private readonly HashSet<string> _made = new(StringComparer.Ordinal);

    public HandoffRecipient Recipient => recipient;

    /// <summary>Creates the empty slot (and its folder) before the secret is asked for; an empty leftover is taken as it is.</summary>
    public void Open(string path)
    {
        HandoffFile.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path) && new FileInfo(path).Length == 0)
        {
            _made.Add(path); // a killed run's empty slot: removed at the end if it stays empty
            return;
        }

        using (var slot = new FileStream(path, Options(FileMode.CreateNew)))
        {
            _made.Add(path);
            slot.Flush(flushToDisk: true);
        }
    }

    /// <summary>Seals the content and writes it into the slot, through to the disk; on failure the slot is left empty.</summary>
    /// <exception cref="IOException">It could not be written.</exception>
    public void Write(string path, byte[] content)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = recipient.Seal(content);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(content); // the plain secret lives no longer than it must
        }

        Open(path); // a slot not made ahead (nothing asked for it) is made now, owner-only
        // Written beside the slot and moved over it: the slot is empty or whole, never a torn message a kill left behind.
        var part = path + ".part";
        try
        {
            using (var file = new FileStream(part, Options(FileMode.Create)))
            {
                file.Write(sealedBytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(part, path, overwrite: true);
        }
        catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
        {
            Delete(part);
            throw;
        }
    }

    /// <summary>Removes the slots this run made that hold no secret.</summary>
    public void Dispose()
    {
        foreach (var path in _made)
        {
            try
            {
                if (File.Exists(path) && new FileInfo(path).Length == 0)
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                // An empty slot holds nothing; a rerun reuses it.
            }
        }
    }

    private static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
        {
            // Only sealed bytes are in it; a rerun writes over it.
        }
    }
}
