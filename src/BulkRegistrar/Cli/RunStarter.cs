using BulkRegistrar.Validation;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>Resolves a verb's options into a <see cref="RunContext"/>: config, overrides, checks, run folder, logger.</summary>
internal static class RunStarter
{
    public static RunContext Open(string mode, CommonRunOptions options, IAnsiConsole console, TimeProvider time) =>
        OpenAsync(mode, options, console, time, null).GetAwaiter().GetResult();

    /// <param name="check">The verb's own checks of its options, configuration and target, run before the run
    /// folder is created (a scheduler retrying a misconfigured job must not leave empty runs behind).</param>
    /// <param name="resumeFolder">apply --resume: the existing run folder to continue (the one exception to "a run folder is never reused").</param>
    public static async Task<RunContext> OpenAsync(
        string mode, CommonRunOptions options, IAnsiConsole console, TimeProvider time, Func<AppSettings, Task>? check,
        string? resumeFolder = null)
    {
        var input = options.Csv ?? throw new UsageException("Name the CSV file to read.");
        var settings = AppSettings.Load(options.Config);
        var region = NormaliseRegion(options.Region, "--region")
            ?? NormaliseRegion(settings.Phone.DefaultRegion, "Phone:DefaultRegion");
        var encoding = options.Encoding ?? settings.Csv.Encoding;

        // Checked before the run folder exists, so a typo does not leave an empty run behind.
        if (Directory.Exists(input))
        {
            throw new UsageException($"'{input}' is a folder; name a CSV file.");
        }

        if (!File.Exists(input))
        {
            throw new InputUnreadableException($"The file '{input}' does not exist.");
        }

        CheckReadable(input);
        if (resumeFolder is null)
        {
            RunFolder.CheckUnused(options.Out);
        }

        if (check is not null)
        {
            await check(settings);
        }

        LogFolder.CheckWritable(settings.ProductionLog);
        var folder = resumeFolder ?? RunFolder.Create(options.Out, settings.Run.OutputRoot, input, time);
        return new RunContext
        {
            Mode = mode,
            InputPath = Path.GetFullPath(input),
            RunFolder = folder,
            Settings = settings,
            Region = region,
            Encoding = encoding,
            Log = Logging.Create(settings.Configuration, folder, settings.ProductionLog),
            Console = console,
            Time = time,
        };
    }

    /// <summary>
    /// The file is read twice (duplicate index, then rows) and hashed for the summary, so it must be a
    /// regular, seekable file this process may open: a pipe (<c>&lt;(cat x.csv)</c>) or device would be
    /// consumed by the first pass.
    /// </summary>
    private static void CheckReadable(string input)
    {
        try
        {
            using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (!stream.CanSeek)
            {
                throw new InputUnreadableException($"'{input}' is not a regular file (a pipe, socket or device). The file is read twice, so save it "
                    + $"to a file first "
                    + "and name that.");
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputUnreadableException($"The file '{input}' cannot be read: permission denied. Give the account that runs BulkRegistrar read "
                + $"access, or copy "
                + "the file somewhere it can read.");
        }
        catch (FileNotFoundException) when (new FileInfo(input).LinkTarget is { } target)
        {
            throw new InputUnreadableException($"'{input}' is a link to '{target}', which does not exist; name the file itself.");
        }
        catch (IOException e)
        {
            throw new InputUnreadableException($"The file '{input}' cannot be read ({IoReason.Of(e)}).");
        }
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
