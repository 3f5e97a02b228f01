using System.CommandLine;
using BulkRegistrar.Validation;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>Resolves a verb's options into a <see cref="RunContext"/>: config, overrides, checks, run folder, logger.</summary>
internal static class RunStarter
{
    /// <param name="check">The verb's own checks of its options and configuration, run before the run
    /// folder is created (a scheduler retrying a misconfigured job must not leave empty runs behind).</param>
    public static RunContext Open(string mode, ParseResult parse, CommonOptions options, IAnsiConsole console, TimeProvider time, Action<AppSettings>? check = null)
    {
        var input = parse.GetValue(options.Csv) ?? throw new UsageException("Name the CSV file to read.");
        var settings = AppSettings.Load(parse.GetValue(options.Config));
        var region = NormaliseRegion(parse.GetValue(options.Region), "--region")
            ?? NormaliseRegion(settings.Phone.DefaultRegion, "Phone:DefaultRegion");
        var encoding = parse.GetValue(options.Encoding) ?? settings.Csv.Encoding;

        // Checked before the run folder exists, so a typo does not leave an empty run behind.
        if (Directory.Exists(input))
        {
            throw new UsageException($"'{input}' is a folder; name a CSV file.");
        }

        if (!File.Exists(input))
        {
            throw new UsageException($"The file '{input}' does not exist.");
        }

        check?.Invoke(settings);
        var folder = RunFolder.Create(parse.GetValue(options.Out), settings.Run.OutputRoot, input, time);
        return new RunContext
        {
            Mode = mode,
            InputPath = Path.GetFullPath(input),
            RunFolder = folder,
            Settings = settings,
            Region = region,
            Encoding = encoding,
            Log = Logging.Create(settings.Configuration, folder),
            Console = console,
            Time = time,
        };
    }

    private static string? NormaliseRegion(string? region, string source)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        return RegionCodes.TryResolve(region, out var resolved)
            ? resolved
            : throw new UsageException($"{source}: {RegionCodes.InvalidMessage(region)}");
    }
}
