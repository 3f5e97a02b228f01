using BulkRegistrar.Audit;

namespace BulkRegistrar.Resume;

/// <summary>
/// A run folder whose <c>summary.json</c> says the run reached its end (no abort cause, not cancelled) is finished:
/// its audit and summary are the run's evidence, and a resume would rewrite that summary. Refused, and nothing in
/// the folder is touched (the check runs before the folder is opened for the run).
/// </summary>
internal static class FinishedRun
{
    /// <exception cref="UsageException">The run finished.</exception>
    public static void Refuse(string runFolder)
    {
        // No summary (killed before its end) or one torn by a full disk or a kill: the journal is all there is, which is what resume is for.
        // The inbox asks the same question (SummaryFile.Finished) of a file's earlier run.
        if (SummaryFile.Read(runFolder) is { Finished: true } summary)
        {
            var exit = summary.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
            throw new UsageException($"--resume: the run in '{runFolder}' finished (summary.json, exit code {exit}), so there is nothing to resume and its "
                + "evidence is left as it is; "
                + "run apply on the file again for a new run.");
        }
    }
}
