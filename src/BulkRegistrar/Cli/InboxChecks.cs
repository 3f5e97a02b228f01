using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// What every file's run of one inbox night would meet alike — its options, the reading configuration, the state
/// store — checked once, with the folder's lock held and before any file is touched. A problem here is the run's:
/// each file's own run would report it as if the file were at fault (an unknown encoding surfaces while reading the
/// file), and a good file would go to <c>failed/</c>.
/// </summary>
internal static class InboxChecks
{
    /// <param name="options">The options every file's run shares.</param>
    /// <exception cref="RunProblemException">The sentence; every file stays where it is.</exception>
    public static void Before(GraphRunOptions options, AppSettings settings, IAnsiConsole console)
    {
        if (options.Emulator && options.EmulatorUrl is not null)
        {
            throw new RunProblemException("Use either --emulator or --emulator-url, not both.");
        }

        RunLimits.Check(options.Concurrency, options.MaxChanges);
        if (options.OnConflict is not (GraphRunOptions.Skip or GraphRunOptions.Update))
        {
            throw new RunProblemException($"--on-conflict '{options.OnConflict}' must be skip or update.");
        }

        if (options.Auth is { } auth)
        {
            Graph.Credentials.AuthModes.Parse(auth, "--auth");
        }

        foreach (var (source, region) in new[] { ("--region", options.Common.Region), ("Phone:DefaultRegion", settings.Phone.DefaultRegion) })
        {
            if (!string.IsNullOrWhiteSpace(region) && !RegionCodes.TryResolve(region, out _))
            {
                throw new RunProblemException($"{source}: {RegionCodes.InvalidMessage(region)}");
            }
        }

        Reading(settings.Csv, options.Common.Encoding);
        LogFolder.CheckWritable(settings.ProductionLog);
        using var store = State.StateStore.Open(options.State!, settings.State.LockTimeout);
        if (store.DroppedUnattributed > 0)
        {
            // The files' runs open the store after this and would not see the rows go: said here, once.
            console.MarkupLine("[yellow]" + SafeConsole.Line($"State store {store.Path}: {store.DroppedUnattributed} users remembered before the store was "
                + "keyed by tenant were dropped (they cannot be attributed to a tenant); they are checked against Graph once.") + "[/]");
        }
    }

    /// <summary>The reading configuration a file's run would only check while opening the file.</summary>
    private static void Reading(CsvOptions csv, string? encoding)
    {
        var aliases = ColumnAliases.Build(csv);
        if (aliases.Errors.Count > 0)
        {
            throw new RunProblemException(aliases.Errors[0]);
        }

        if (csv.MaxRecordSize < CsvOptions.MinRecordSize)
        {
            throw new RunProblemException($"Csv:MaxRecordSize is {csv.MaxRecordSize}; it must be at least {CsvOptions.MinRecordSize} bytes.");
        }

        try
        {
            CsvEncodings.Resolve(csv, encoding);
        }
        catch (InputFileException e)
        {
            throw new RunProblemException(e.Message);
        }
    }
}
