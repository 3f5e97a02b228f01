namespace BulkRegistrar.Audit;

/// <summary>
/// The one sentence for a file of the run's evidence that cannot be written (a full disk, a read-only or locked
/// file, a folder that is gone): what is wrong, where, and what to do. Never a stack-trace type name.
/// </summary>
internal static class EvidenceFailure
{
    // errno on Linux/macOS (HResult of the IOException .NET raises), and the Windows HRESULTs of ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL.
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool IsFileProblem(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>What is wrong with <paramref name="path"/>, as a clause: "No space left on the disk of /x".</summary>
    public static string Problem(string path, Exception e)
    {
        var folder = Path.GetDirectoryName(path) ?? path;
        return e switch
        {
            IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull } => $"No space left on the disk of {folder}",
            IOException { HResult: Erofs } => $"{folder} is on a read-only file system",
            UnauthorizedAccessException => $"{path} cannot be written (access denied)",
            DirectoryNotFoundException => $"the folder {folder} is gone",
            _ => $"{path} cannot be written ({e.Message.TrimEnd('.')})",
        };
    }

    /// <summary>The abort of a run whose evidence cannot be kept: nothing more is sent, and resume finishes it once the disk is fixed.</summary>
    /// <param name="path">A file of the run folder (the audit, the write-ahead journal).</param>
    /// <param name="next">What to run once the disk is fixed; default: apply --resume of the run folder.</param>
    public static RunAbort Abort(string path, Exception e, string? next = null) =>
        new(AbortCause.EvidenceUnwritable,
            $"{Problem(path, e)}: the run's audit cannot be kept, so nothing more is sent. Free space (or make the folder writable) and "
                + $"{next ?? $"run apply --resume {Path.GetDirectoryName(path)}"}");
}
