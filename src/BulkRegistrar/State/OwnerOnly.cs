namespace BulkRegistrar.State;

/// <summary>
/// Run folders, audits, the state store and hand-off files hold who-has-which-phone: on Unix they are
/// created readable by the owner only (0700 folders, 0600 files), whatever the umask. Windows inherits the
/// folder's ACL (a profile or a service account's folder is already private).
/// </summary>
internal static partial class OwnerOnly
{
    /// <summary>
    /// umask 077 for the whole process: every file and folder it creates afterwards (audit, summary, logs,
    /// exports, the lock) is owner-only without each writer having to remember it.
    /// </summary>
    public static void ApplyToProcess()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = umask(0b000_111_111);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern uint umask(uint mask);

    /// <summary>
    /// Creates the folder (and any missing parent) owner-only. A folder that already exists is left as it is:
    /// it is the operator's (a shared 0755 /var/lib/bulkregistrar, a home directory), and changing its mode would
    /// lock others out of what they could read before; the files we put in it are owner-only themselves.
    /// </summary>
    public static void Folder(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Creates the file empty (0600) when it does not exist yet, so that whoever opens it next inherits the mode.</summary>
    public static void File(string path)
    {
        if (OperatingSystem.IsWindows() || System.IO.File.Exists(path))
        {
            return;
        }

        using var _ = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }
}
