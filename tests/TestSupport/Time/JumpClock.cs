namespace TestSupport;

/// <summary>
/// Real time that a test can move forward at once. For an emulator that serves a CLI in another process (which keeps
/// real time): a jump makes the emulator's waits — the strict profile's read-after-write lag — pass without the test
/// sleeping them out. Timers and timestamps stay real, so latency and the CLI's own clock are unchanged.
/// </summary>
public sealed class JumpClock : TimeProvider
{
    private long _aheadTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _aheadTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _aheadTicks, by.Ticks);
}
