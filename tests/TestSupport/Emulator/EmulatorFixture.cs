using GraphEmulator;
using GraphEmulator.Seed;

namespace TestSupport;

/// <summary>
/// One in-process Graph emulator per test collection, on 127.0.0.1:0 over HTTPS, seeded from the
/// repository's samples/directory.json; subclasses choose its throttling and fault profiles.
/// </summary>
public abstract class EmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    /// <summary>The repository's sample directory, which the fixture starts with and tests that reseed return to.</summary>
    public static DirectorySeed SampleSeed() => DirectorySeed.Load(Samples.Directory);

    public async Task InitializeAsync() => Emulator = await TestEmulator.StartAsync(Configure);

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Puts the sample directory back after a test that reseeded the emulator.</summary>
    public void RestoreSampleSeed() => Emulator.Reseed(SampleSeed());

    /// <summary>Sets the profiles on top of <see cref="TestEmulator"/>'s defaults (sample seed, HTTPS).</summary>
    protected abstract void Configure(GraphEmulatorOptions options);
}
