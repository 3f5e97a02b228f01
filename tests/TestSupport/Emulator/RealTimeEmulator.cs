using GraphEmulator;
using GraphEmulator.Seed;

namespace TestSupport;

/// <summary>
/// An emulator of a test's own at real time (k = 1, so batches are really in flight) with realistic latency,
/// and a temp folder, for tests that run the CLI as a child process (<see cref="CliProcess"/>) and stop it mid-run.
/// </summary>
public sealed class RealTimeEmulator : IAsyncDisposable
{
    private RealTimeEmulator(RunningEmulator emulator, string folder)
    {
        Emulator = emulator;
        Folder = folder;
    }

    public RunningEmulator Emulator { get; }

    public string Folder { get; }

    /// <summary>The run folder <see cref="StartApply"/> writes into.</summary>
    public string RunFolder => Path.Combine(Folder, "run");

    /// <summary>The input file <see cref="StartApply"/> writes.</summary>
    public string CsvPath => Path.Combine(Folder, "hires.csv");

    /// <param name="prefix">The temp folder's name prefix, so a leftover folder says which tests made it.</param>
    /// <param name="faultProfile">Fault profile, with the fixed fault seed 11.</param>
    public static async Task<RealTimeEmulator> StartAsync(string prefix, DirectorySeed seed, string faultProfile,
        Action<GraphEmulatorOptions>? configure = null)
    {
        var emulator = await TestEmulator.StartAsync(o =>
        {
            o.Seed = seed;
            o.ThrottlingProfile = "off";
            o.TimeCompression = 1;
            o.FaultProfile = faultProfile;
            o.FaultSeed = 11;
            o.LatencyProfile = "realistic";
            configure?.Invoke(o);
        });
        return new RealTimeEmulator(emulator, Directory.CreateTempSubdirectory(prefix).FullName);
    }

    /// <summary>Writes the CSV and the --config file, then starts <c>apply</c> against this emulator into <see cref="RunFolder"/>.</summary>
    public CliProcess StartApply(string csv, string configJson, params string[] more)
    {
        var config = Path.Combine(Folder, "config.json");
        File.WriteAllText(config, configJson);
        File.WriteAllText(CsvPath, csv);
        return new CliProcess(RunFolder, ["apply", CsvPath, "--emulator-url", Emulator.BaseUrl.ToString(), "--config", config, .. more]);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
