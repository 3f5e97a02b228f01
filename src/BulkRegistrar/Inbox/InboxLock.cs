using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BulkRegistrar.Inbox;

/// <summary>
/// <c>&lt;inbox&gt;/.bulkregistrar.lock</c>: at most one inbox run per folder. It records PID, host and start
/// time and stays open (exclusively) while the run lasts. A lock left by a process that no longer runs on
/// this host (killed, machine rebooted) is stale: it is taken over, with a warning, so one crash does not
/// stop every later night. A lock from another host cannot be checked and is never taken over.
/// </summary>
internal sealed class InboxLock : IDisposable
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
    /// <returns>The lock, or null with the sentence that names who holds it.</returns>
    public static (InboxLock? Lock, string? HeldBy) Acquire(string folder, TimeProvider time, Action<string> warning)
    {
        var path = Path.Combine(folder, FileName);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
                var me = new Holder(Environment.ProcessId, Environment.MachineName, time.GetUtcNow());
                JsonSerializer.Serialize(stream, me);
                stream.Flush(flushToDisk: true);
                return (new InboxLock(stream, path), null);
            }
            catch (IOException) when (File.Exists(path))
            {
                var holder = Read(path);
                if (holder is not null && !IsStale(holder))
                {
                    return (null, $"Another inbox run holds {path} (PID {holder.Pid} on {holder.Host}, started {holder.Started.ToString("u", CultureInfo.InvariantCulture)}); this one exits without touching anything.");
                }

                if (holder is null && Age(path, time) < TimeSpan.FromMinutes(1))
                {
                    // Being written by a run that started a moment ago: not stale, just young.
                    return (null, $"Another inbox run is starting in this folder ({path}); this one exits without touching anything.");
                }

                warning(holder is null
                    ? $"Taking over the unreadable lock {path}."
                    : $"Taking over the stale lock {path}: PID {holder.Pid} on {holder.Host} (started {holder.Started.ToString("u", CultureInfo.InvariantCulture)}) no longer runs; its run ended without cleaning up, and any file it left is processed again.");
                File.Delete(path);
            }
        }

        return (null, $"The lock {path} could not be taken; another inbox run is starting in this folder.");
    }

    public void Dispose()
    {
        _stream.Dispose();
        File.Delete(_path);
    }

    internal static Holder? Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize<Holder>(stream);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
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
