using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// One in-process Graph emulator per test collection, on 127.0.0.1:0 over HTTPS, seeded from the
/// repository's samples/directory.json. Tests reset it before they start and assert on its counters.
/// Throttling runs the entra-L profile time-compressed (k = 50) under the <see cref="Profile"/> fault
/// profile unless a test switches to another.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const double TimeCompression = 50;

    /// <summary>The fault profile every importer integration test runs against.</summary>
    public const string Profile = "strict";

    public RunningEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
        {
            SeedPath = Path.Combine(AppContext.BaseDirectory, "samples", "directory.json"),
            UseHttps = true,
            ThrottlingProfile = "entra-L",
            TimeCompression = TimeCompression,
            // strict: where Graph is undocumented the emulator takes the hard case (reordered batch items,
            // read-after-write lag, stored number variants, SMS scope by policy, 5xx mix); docs/emulator.md.
            FaultProfile = Profile,
        });
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>
    /// Waits until every write so far is visible to reads: the strict profile's read-after-write lag is at
    /// most <c>readAfterWriteLagSeconds</c> of emulated time (2 s), k times faster in wall time.
    /// </summary>
    public Task WaitOutReadLagAsync() => Task.Delay(TimeSpan.FromSeconds(2.5 / TimeCompression));

    /// <summary>The repository's sample directory, which the fixture starts with and tests that reseed return to.</summary>
    public static GraphEmulator.Seed.DirectorySeed SampleSeed() =>
        GraphEmulator.Seed.DirectorySeed.Load(Path.Combine(AppContext.BaseDirectory, "samples", "directory.json"));

    /// <summary>Puts the sample directory back after a test that reseeded the emulator.</summary>
    public void RestoreSampleSeed() => Emulator.Reseed(SampleSeed());

    /// <summary>Back to the seed, counters zero, faults and throttling as at start.</summary>
    public void Reset()
    {
        Emulator.Reset();
        Emulator.SetFaultProfile(Profile, 0, "off");
        Emulator.SetThrottling("entra-L", TimeCompression);
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}
