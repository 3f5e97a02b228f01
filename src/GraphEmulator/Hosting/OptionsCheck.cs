using GraphEmulator.Faults;
using GraphEmulator.Throttling;

namespace GraphEmulator;

/// <summary>
/// The start-up checks of <see cref="GraphEmulatorOptions"/>, callable without starting a host, so a
/// caller (the CLI's <c>--emulator</c>) can refuse a misspelt profile before it creates anything.
/// Each check asks the same resolver the host uses, so a new profile is accepted here automatically.
/// </summary>
public static class OptionsCheck
{
    /// <summary>One sentence per problem, naming the option; empty when the options can start a host.</summary>
    public static IReadOnlyList<string> Problems(GraphEmulatorOptions options)
    {
        var problems = new List<string>();
        Try(problems, nameof(options.ThrottlingProfile), () =>
            ThrottleSettings.Resolve(options.ThrottlingProfile, options.ThrottlingOverrides, options.TimeCompression));
        Try(problems, nameof(options.FaultProfile), () => FaultRates.Resolve(options.FaultProfile));
        Try(problems, nameof(options.LatencyProfile), () => new LatencyModel().Configure(options.LatencyProfile, options.FaultSeed, options.TimeCompression));
        return problems;
    }

    private static void Try(List<string> problems, string option, Action resolve)
    {
        try
        {
            resolve();
        }
        catch (ArgumentException e)
        {
            // ArgumentException's message carries " (Parameter 'x')"; the sentence is ours.
            problems.Add($"{option}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
