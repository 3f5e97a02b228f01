using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// An apply holds its run folder's lock (the inbox's lock, <see cref="Inbox.InboxLock"/>) from the moment the folder
/// exists: a resume of a run that is in fact still going, or two resumes of one folder, would append to one audit
/// twice. The second one gets one sentence and exit code 3, like a second inbox run.
/// </summary>
internal static class RunFolderLock
{
    /// <exception cref="AlreadyRunningException">Another apply (or resume) of this folder runs.</exception>
    /// <exception cref="RunProblemException">The lock cannot be created in the folder.</exception>
    public static Inbox.InboxLock Take(string runFolder, TimeProvider time, IAnsiConsole console)
    {
        var (held, heldBy) = Inbox.InboxLock.Acquire(runFolder, time, w => console.MarkupLine("[yellow]" + SafeConsole.Line(w) + "[/]"), "apply");
        return held ?? throw new AlreadyRunningException(heldBy!);
    }
}
