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
}
