using System.Diagnostics;
using System.Text.Json;
using BulkRegistrar.Inbox;

namespace BulkRegistrar.Tests.Inbox;

/// <summary>
/// The lock of an inbox or run folder when several runs start at once. File locks of the operating system conflict
/// between two streams of one process as between two processes, so threads stand in for the racing processes here
/// (RunLockTests races two real resumes).
/// </summary>
public sealed class InboxLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string LockPath => Path.Combine(_folder, InboxLock.FileName);

    [Fact]
    public async Task Runs_that_find_one_stale_lock_at_the_same_moment_take_it_over_only_once()
    {
        var gone = await GonePid();
        for (var round = 0; round < 20; round++)
        {
            File.WriteAllText(LockPath, JsonSerializer.Serialize(new InboxLock.Holder(gone, Environment.MachineName, DateTimeOffset.UtcNow.AddHours(-3))));

            var held = await RaceForTheLock(8);

            Assert.True(held.Count(h => h.Lock is not null) == 1, $"round {round}: {held.Count(h => h.Lock is not null)} runs took the lock");
            Assert.All(held.Where(h => h.Lock is null), h => Assert.Contains(LockPath, h.HeldBy, StringComparison.Ordinal));
            held.Single(h => h.Lock is not null).Lock!.Dispose();
            Assert.False(File.Exists(LockPath));
        }
    }

    [Fact]
    public async Task Runs_that_find_one_old_unreadable_lock_at_the_same_moment_take_it_over_only_once()
    {
        for (var round = 0; round < 20; round++)
        {
            File.WriteAllText(LockPath, "");
            File.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow.AddMinutes(-10));

            var held = await RaceForTheLock(8);

            Assert.True(held.Count(h => h.Lock is not null) == 1, $"round {round}: {held.Count(h => h.Lock is not null)} runs took the lock");
            held.Single(h => h.Lock is not null).Lock!.Dispose();
        }
    }

    [Fact]
    public void A_lock_taken_over_says_who_holds_it_now_to_the_next_run()
    {
        File.WriteAllText(LockPath, "");
        File.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow.AddMinutes(-10));
        var (taken, _) = InboxLock.Acquire(_folder, TimeProvider.System, _ => { }, "apply");
        using (taken)
        {
            var (second, heldBy) = InboxLock.Acquire(_folder, TimeProvider.System, _ => { }, "apply");

            Assert.Null(second);
            Assert.StartsWith($"Another apply holds {LockPath} (PID {Environment.ProcessId} on {Environment.MachineName}", heldBy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lock_that_cannot_be_written_on_a_full_disk_is_one_sentence_not_another_run_starting()
    {
        using var disk = Tmpfs.Mount(Path.Combine(_folder, "disk"), "8k");
        File.WriteAllBytes(Path.Combine(disk.Folder, "filler.bin"), new byte[8192]);

        var e = Assert.Throws<RunProblemException>(() => InboxLock.Acquire(disk.Folder, TimeProvider.System, _ => { }));

        Assert.Equal($"The lock {Path.Combine(disk.Folder, InboxLock.FileName)} cannot be written (No space left on device); free space on that "
            + $"disk. Nothing was done.", e.Message);
        Assert.False(File.Exists(Path.Combine(disk.Folder, InboxLock.FileName))); // given up, not left to stop the next night
    }

    /// <summary>Every racer waits at one barrier, then acquires; the results once all have answered.</summary>
    private async Task<List<(InboxLock? Lock, string? HeldBy)>> RaceForTheLock(int racers)
    {
        using var start = new Barrier(racers);
        var tasks = Enumerable.Range(0, racers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return InboxLock.Acquire(_folder, TimeProvider.System, _ => { }, "apply");
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        return [.. await Task.WhenAll(tasks)];
    }

    private static async Task<int> GonePid()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        return gone.Id;
    }
}
