namespace BulkRegistrar.Cli;

/// <summary>
/// <c>Logging:Folder</c> is proved writable before a run starts: Serilog's file sink swallows a folder it cannot
/// write (it only tells its SelfLog), so a read-only or missing-permission folder would lose every night's log
/// without a word, and the operator would find out on the night they need it.
/// </summary>
internal static class LogFolder
{
    /// <exception cref="RunProblemException">The folder cannot be created or written.</exception>
    public static void CheckWritable(LoggingOptions production)
    {
        if (production.Folder is not { } folder)
        {
            return;
        }

        try
        {
            State.OwnerOnly.Folder(folder);
            var probe = Path.Combine(folder, $".bulkregistrar-probe-{Environment.ProcessId}");
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunProblemException($"Logging:Folder '{folder}' cannot be written ({IoReason.Of(e)}); make it writable for the account that "
                + $"runs BulkRegistrar, or remove Logging:Folder from the configuration.");
        }
    }
}
