using System.Globalization;

namespace BulkRegistrar.Cli;

/// <summary>The ranges of apply's numeric options; the inbox checks the values it passes on once, before it touches any file.</summary>
internal static class RunLimits
{
    public const int MaxConcurrency = 64;

    /// <exception cref="RunProblemException">A value out of range (the same for every file of an inbox).</exception>
    public static void Check(int? concurrency, long? maxChanges)
    {
        if (concurrency is < 1 or > MaxConcurrency)
        {
            throw new RunProblemException($"--concurrency must be between 1 and {MaxConcurrency}.");
        }

        if (maxChanges is < 0)
        {
            throw new RunProblemException("--max-changes must be 0 or more.");
        }
    }

    /// <summary>The inbox's pass-through text values, parsed as apply will parse them.</summary>
    public static void Check(string? concurrency, string? maxChanges) =>
        Check(concurrency is null ? null : int.TryParse(concurrency, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : throw new RunProblemException($"--concurrency '{concurrency}' is not a whole number."),
            maxChanges is null ? null : long.TryParse(maxChanges, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : throw new RunProblemException($"--max-changes '{maxChanges}' is not a whole number."));
}
