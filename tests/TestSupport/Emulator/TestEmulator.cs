using GraphEmulator;
using Microsoft.Extensions.Time.Testing;

namespace TestSupport;

/// <summary>Starts emulators for tests: the fixtures' shared one, or a private one a test may reconfigure at will.</summary>
public static class TestEmulator
{
    /// <summary>Seeded from samples/directory.json, over HTTPS, then <paramref name="configure"/>.</summary>
    public static Task<RunningEmulator> StartAsync(Action<GraphEmulatorOptions> configure)
    {
        var options = new GraphEmulatorOptions { SeedPath = Samples.Directory, UseHttps = true };
        configure(options);
        return GraphEmulatorHost.StartAsync(options);
    }

    /// <summary>A private emulator on http with a fake clock and no budget enforced, for tests that set their own budgets or faults.</summary>
    public static Task<RunningEmulator> StartIsolatedAsync(FakeTimeProvider time, Action<GraphEmulatorOptions> configure) =>
        StartAsync(o =>
        {
            o.UseHttps = false;
            o.ThrottlingProfile = "off";
            o.TimeProvider = time;
            configure(o);
        });

    /// <summary>The strict profile with its random fault draws off (scale 0), so a test sees one strict behaviour at a time.</summary>
    public static Task<RunningEmulator> StartStrictAsync(FakeTimeProvider time, Action<GraphEmulatorOptions>? configure = null) =>
        StartIsolatedAsync(time, o =>
        {
            o.FaultProfile = "strict";
            o.StrictFaultScale = 0;
            configure?.Invoke(o);
        });
}
