using Microsoft.Extensions.Time.Testing;

namespace GraphEmulator.Tests.Support;

/// <summary>A private emulator on http with a fake clock, for tests that change budgets or faults.</summary>
public static class IsolatedEmulator
{
    public static Task<RunningEmulator> StartAsync(FakeTimeProvider time, Action<GraphEmulatorOptions> configure)
    {
        var options = new GraphEmulatorOptions
        {
            SeedPath = Path.Combine(AppContext.BaseDirectory, "directory.json"),
            UseHttps = false,
            ThrottlingProfile = "off",
            TimeProvider = time,
        };
        configure(options);
        return GraphEmulatorHost.StartAsync(options);
    }

    /// <summary>The strict profile with its random fault draws off (scale 0), so a test sees one strict behaviour at a time.</summary>
    public static Task<RunningEmulator> StartStrictAsync(FakeTimeProvider time, Action<GraphEmulatorOptions>? configure = null) =>
        StartAsync(time, o =>
        {
            o.FaultProfile = "strict";
            o.StrictFaultScale = 0;
            configure?.Invoke(o);
        });
}
