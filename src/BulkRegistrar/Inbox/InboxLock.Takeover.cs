namespace BulkRegistrar.Inbox;

/// <summary>Taking over a stale lock, so that of several runs that judge it stale at once exactly one gets it.</summary>
internal sealed partial class InboxLock
{
    private enum Takeover
    {
        Taken,
        Gone,
        Held,
    }

    /// <summary>
    /// Takes over a lock judged stale, atomically: several runs may judge one stale lock at the same moment, and
    /// deleting it to create a new one let each of them delete the lock the one before had just made (two resumes
    /// then wrote one audit). Instead the file is opened exclusively (FileShare.None: an OS file lock that a live
    /// holder's shared lock refuses, and that no second taker gets at the same time), and rewritten only if it still
    /// says what was judged stale; a taker that finds it changed leaves it to the run that changed it.
    /// </summary>
    private static Takeover TakeOver(string path, byte[]? judged, TimeProvider time, out InboxLock? taken)
    {
        taken = null;
        FileStream exclusive;
        try
        {
            exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            return Takeover.Gone;
        }
        catch (IOException)
        {
            return Takeover.Held; // another run holds it, or is taking it over right now
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RunProblemException($"The stale lock {path} cannot be taken over ({IoReason.Of(e)}); remove it by hand, after checking that no "
                + $"BulkRegistrar runs there.");
        }

        using (exclusive)
        {
            if (judged is null || !ReadAll(exclusive).AsSpan().SequenceEqual(judged))
            {
                return Takeover.Held;
            }

            exclusive.SetLength(0);
            exclusive.Position = 0;
            WriteHolder(exclusive, path, time);
        }

        // Held from here on like every lock (shared, so that the next run can read who holds it). Between the two
        // opens the file names this process, which runs: a run that judges it now finds it not stale.
        for (var wait = 0; wait < 100; wait++)
        {
            try
            {
                var shared = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
                if (Parse(ReadAll(shared)) is { } h && h.Pid == Environment.ProcessId && h.Host == Environment.MachineName)
                {
                    taken = new InboxLock(shared, path);
                    return Takeover.Taken;
                }

                shared.Dispose();
                return Takeover.Held;
            }
            catch (FileNotFoundException)
            {
                return Takeover.Gone;
            }
            catch (IOException)
            {
                Thread.Sleep(10); // another run's exclusive look at it, which finds this process alive and lets go
            }
        }

        return Takeover.Held;
    }
}
