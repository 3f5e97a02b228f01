using Microsoft.Extensions.Time.Testing;

namespace TestSupport;

/// <summary>The instants the fake clocks of the tests start at, so no test depends on the day it runs.</summary>
public static class Clocks
{
    /// <summary>Where a CLI run on the fake clock starts (a weekday morning, UTC).</summary>
    public static readonly DateTimeOffset RunStart = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Where an isolated emulator's fake clock starts (tokens, buckets and windows count from here).</summary>
    public static readonly DateTimeOffset EmulatorStart = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider AtEmulatorStart() => new(EmulatorStart);
}
