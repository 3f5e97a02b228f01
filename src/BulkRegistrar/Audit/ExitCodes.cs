namespace BulkRegistrar.Audit;

/// <summary>The process exit codes; a scheduler branches on these, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>Every row is valid (validate) or reached its desired state (plan/apply).</summary>
    public const int Success = 0;

    /// <summary>The file was processed, but some rows are invalid, skipped, in conflict or failed: a person should read the audit.</summary>
    public const int RowsNeedAttention = 1;

    /// <summary>Nothing was processed: the file, the configuration or the options could not be used (or the run was aborted).</summary>
    public const int CannotProcess = 2;

    /// <summary>Another run holds the folder's lock (a second inbox of one inbox folder, a resume of a run folder still being written); this one did
    /// nothing.</summary>
    public const int AlreadyRunning = 3;

    public const string HelpText =
        """
        Exit codes:
          0  every row is valid / reached its desired state
          1  the file was processed, but some rows are invalid, skipped or failed (see audit.csv)
          2  the file, configuration or options could not be used (missing or empty file,
             a header but no rows, no user column, no UPN or no method on any row, an
             OATH token upload, undecodable bytes, bad option, reused run folder, a state
             store, hand-off file or disk that cannot be written),
             or the run was aborted or cancelled (Ctrl+C, SIGTERM, SIGHUP)
          3  another run holds the folder's lock (inbox folder, or the run folder of
             apply --resume); nothing was done
        """;
}
