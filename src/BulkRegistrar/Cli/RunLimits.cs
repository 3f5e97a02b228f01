using System.Globalization;
using System.Numerics;

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

    /// <summary>One of the inbox's numbers, given as text, parsed as apply parses it.</summary>
    /// <exception cref="RunProblemException">Not a whole number.</exception>
    public static T? Number<T>(string? text, string option)
        where T : struct, IBinaryInteger<T> =>
        text is null ? null
            : T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new RunProblemException($"{option} '{text}' is not a whole number.");
}
