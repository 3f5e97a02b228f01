using BulkRegistrar.Audit;
using BulkRegistrar.Privacy;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>The run folder's own files failing to be written: one sentence each, never an exception out of the verb.</summary>
internal static class RunEvidence
{
    /// <summary>run.json, before any row: a run whose resume could not be recorded does not start.</summary>
    /// <exception cref="UsageException">It could not be written (nothing has been sent).</exception>
    public static void WriteManifest(Resume.RunManifest manifest, string runFolder)
    {
        try
        {
            manifest.WriteTo(runFolder);
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            throw new UsageException($"{EvidenceFailure.Problem(Path.Combine(runFolder, Resume.RunManifest.FileName), e)}: run.json, which a resume "
                + $"needs, cannot be written, so nothing is sent.");
        }
    }

    /// <summary>
    /// After an evidence abort, the run folder in full: the sentence goes through phone masking, which takes a stamped
    /// folder name (20261204-192846-…) for a number, and the operator must be able to copy the command.
    /// </summary>
    public static void SayWhereToResume(IAnsiConsole console, Audit.RunAbort abort, string runFolder, bool apply)
    {
        if (abort.Cause == Audit.AbortCause.EvidenceUnwritable && apply)
        {
            console.MarkupLine(Markup.Escape($"Once the disk has room: apply --resume {runFolder}"));
        }
    }

    /// <summary>The audit failed after the last batch (its final flush): the abort the summary and exit code report.</summary>
    /// <param name="next">What to run once the disk is fixed (default: apply --resume).</param>
    public static (string Reason, string Cause) Unwritten(RunContext run, IAnsiConsole console, string path, Exception e, string? next = null)
    {
        var abort = EvidenceFailure.Abort(path, e, next);
        console.MarkupLine("[red]" + Markup.Escape("Run aborted: " + Masking.Text(abort.Reason)) + "[/]");
        SayWhereToResume(console, abort, run.RunFolder, next is null);
        run.Log.Error("Run aborted ({Cause}): {Reason}", abort.Name, Masking.Text(abort.Reason));
        return (abort.Reason, abort.Name);
    }
}
