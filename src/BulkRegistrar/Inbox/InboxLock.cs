using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BulkRegistrar.Inbox;

/// <summary>
/// <c>&lt;folder&gt;/.bulkregistrar.lock</c>: at most one inbox run per inbox folder, and at most one apply per run
/// folder (an apply and a resume of it, or two resumes, would interleave one audit). It records PID, host and start
/// time and stays open (a shared OS file lock) while the run lasts. A lock left by a process that no longer runs on
/// this host (killed, machine rebooted) is stale: it is taken over, with a warning, so one crash does not
/// stop every later night. A lock from another host cannot be checked and is never taken over.
/// </summary>
internal sealed partial class InboxLock : IDisposable
{
    public const string FileName = ".bulkregistrar.lock";
    private readonly FileStream _stream;
    private readonly string _path;

    private InboxLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>What the lock file says about its holder.</summary>
    internal sealed record Holder(int Pid, string Host, DateTimeOffset Started);

    /// <param name="warning">Told when a stale lock was taken over.</param>
    /// <param name="holder">Who takes such a lock, for the sentences: "inbox run", "apply".</param>
    /// <returns>The lock, or null with the sentence that names who holds it.</returns>
    /// <exception cref="RunProblemException">The lock cannot be created at all (a read-only folder, a folder in its place).</exception>
    public static (InboxLock? Lock, string? HeldBy) Acquire(string folder, TimeProvider time, Action<string> warning, string holder = "inbox run")
    {
        var path = Path.Combine(folder, FileName);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (Directory.Exists(path))
            {
                throw new RunProblemException($"The lock path {path} is a folder, so no {holder} can take the lock; remove that folder "
                    + $"(BulkRegistrar makes a file there while it runs).");
            }

            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.None);
                return (Write(stream, path, time), null);
            }
            catch (IOException) when (File.Exists(path))
            {
                var seen = ReadBytes(path);
                var other = Parse(seen);
                if (other is not null && !IsStale(other))
                {
                    return (null, HeldBy(holder, path, other));
                }

                if (other is null && Age(path, time) < TimeSpan.FromMinutes(1))
                {
                    // Being written by a run that started a moment ago: not stale, just young.
                    return (null, $"Another {holder} is starting in this folder ({path}); this one exits without touching anything.");
                }

                switch (TakeOver(path, seen, time, out var taken))
                {
                    case Takeover.Taken:
                        warning(other is null
                            ? $"Taking over the unreadable lock {path}."
                            : $"Taking over the stale lock {path}: PID {other.Pid} on {other.Host} (started "
                                + $"{other.Started.ToString("u", CultureInfo.InvariantCulture)}) no longer runs; its run ended without cleaning up, "
                                + $"and what it left is processed again.");
                        return (taken, null);
                    case Takeover.Gone:
                        continue; // its holder let go meanwhile: create it afresh
                    default:
                        return (null, Parse(ReadBytes(path)) is { } now ? HeldBy(holder, path, now) : $"Another {holder} is taking over the lock "
                            + $"{path} at this moment; this one exits without touching anything.");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RunProblemException($"The lock {path} cannot be created ({IoReason.Of(e)}); the folder must be writable for the account "
                    + $"that runs BulkRegistrar. Nothing was done.");
            }
        }

        return (null, $"The lock {path} could not be taken; another {holder} is starting in this folder.");
    }

    private static string HeldBy(string holder, string path, Holder other) =>
        $"Another {holder} holds {path} (PID {other.Pid} on {other.Host}, started {other.Started.ToString("u", CultureInfo.InvariantCulture)}); this "
            + $"one exits without touching anything.";

    /// <summary>Who we are, into the lock just created; a lock that cannot say who holds it (a full disk) is given up, not kept.</summary>
    private static InboxLock Write(FileStream stream, string path, TimeProvider time)
    {
        WriteHolder(stream, path, time);
        return new InboxLock(stream, path);
    }

    private static void WriteHolder(FileStream stream, string path, TimeProvider time)
    {
        try
        {
            JsonSerializer.Serialize(stream, new Holder(Environment.ProcessId, Environment.MachineName, time.GetUtcNow()));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            // Given up, not kept. Streams here are unbuffered (bufferSize 0): a buffer that met a full disk would be
            // flushed again by Dispose, and that second exception, escaping, read as a lock some other run is writing (exit 3).
            try
            {
                stream.Dispose();
                File.Delete(path);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Left behind empty: the next run finds it unreadable and takes it over after a minute.
            }

            throw new RunProblemException($"The lock {path} cannot be written ({IoReason.Of(e)}); free space on that disk. Nothing was done.");
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it is a stale lock of a process that no longer runs: the next run takes it over.
        }
    }

    /// <summary>The lock file's bytes, or null when it cannot be read (gone, or held exclusively by a run taking it over).</summary>
    private static byte[]? ReadBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadAll(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static byte[] ReadAll(FileStream stream)
    {
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static Holder? Parse(byte[]? content)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            // A lock that does not say who holds it ({} or fields missing) is unreadable, not "PID 0 on an unknown host":
            // read as a holder, it could never be found stale and would stop every later night.
            return JsonSerializer.Deserialize<Holder>(content) is { Pid: > 0, Host.Length: > 0 } h && h.Started != default ? h : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Its process is gone, or the PID now belongs to a process that started after the lock was written.</summary>
    private static bool IsStale(Holder holder)
    {
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(holder.Pid);
            return process.HasExited || new DateTimeOffset(process.StartTime) > holder.Started + TimeSpan.FromSeconds(5);
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static TimeSpan Age(string path, TimeProvider time) => time.GetUtcNow() - File.GetLastWriteTimeUtc(path);
}
