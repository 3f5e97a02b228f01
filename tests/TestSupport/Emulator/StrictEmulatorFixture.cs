using GraphEmulator;

namespace TestSupport;

/// <summary>
/// The emulator the importer's integration tests run against: throttling runs the entra-L profile
/// time-compressed (k = 50) under the <see cref="Profile"/> fault profile unless a test switches to
/// another. Tests reset it before they start and assert on its counters.
/// </summary>
public sealed class StrictEmulatorFixture : EmulatorFixture
{
    public const double TimeCompression = 50;

    /// <summary>The fault profile every importer integration test runs against.</summary>
    public const string Profile = "strict";

    /// <summary>
    /// Waits until every write so far is visible to reads: the strict profile's read-after-write lag is at
    /// most <c>readAfterWriteLagSeconds</c> of emulated time (2 s), k times faster in wall time.
    /// </summary>
    public static Task WaitOutReadLagAsync() => Task.Delay(TimeSpan.FromSeconds(2.5 / TimeCompression));

    /// <summary>Back to the seed, counters zero, faults and throttling as at start.</summary>
    public void Reset()
    {
        Emulator.Reset();
        Emulator.SetFaultProfile(Profile, 0, "off");
        Emulator.SetThrottling("entra-L", TimeCompression);
    }

    protected override void Configure(GraphEmulatorOptions options)
    {
        options.ThrottlingProfile = "entra-L";
        options.TimeCompression = TimeCompression;
        // strict: where Graph is undocumented the emulator takes the hard case (reordered batch items,
        // read-after-write lag, stored number variants, SMS scope by policy, 5xx mix); docs/emulator.md.
        options.FaultProfile = Profile;
    }
}
