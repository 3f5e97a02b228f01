using BulkRegistrar.Reading;
using Microsoft.Extensions.Configuration;

namespace BulkRegistrar.Cli;

/// <summary>
/// Configuration, read once at start-up: <c>appsettings.json</c> beside the executable, then the
/// <c>--config FILE</c> overlay. Command-line flags override the bound options once, before the run;
/// nothing reads configuration after that.
/// </summary>
internal sealed class AppSettings
{
    public required IConfiguration Configuration { get; init; }

    public required CsvOptions Csv { get; init; }

    public required PhoneOptions Phone { get; init; }

    public required RunOptions Run { get; init; }

    public required Graph.GraphOptions Graph { get; init; }

    public required Graph.EmulatorOptions Emulator { get; init; }

    public required Dispatch.DispatchOptions Dispatch { get; init; }

    public required LoggingOptions Logging { get; init; }

    /// <summary>The rolling log's settings with its folder resolved against the configuration file's folder.</summary>
    public LoggingOptions ProductionLog => Logging.Folder is { } f
        ? new LoggingOptions { Folder = ResolvePath(f), RetainedFileCount = Logging.RetainedFileCount, Format = Logging.Format }
        : Logging;

    public Inbox.InboxOptions Inbox { get; init; } = new();

    public State.StateOptions State { get; init; } = new();

    public Status.StatusOptions Status { get; init; } = new();

    /// <summary>The folder of the --config file (else the working directory): relative paths in configuration are relative to it, not to wherever a
    /// scheduler starts the process.</summary>
    public string ConfigDirectory { get; init; } = Directory.GetCurrentDirectory();

    private static System.Text.Json.JsonException? JsonProblem(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Text.Json.JsonException j)
            {
                return j;
            }
        }

        return null;
    }

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(ConfigDirectory, path));

    public static AppSettings Load(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new UsageException($"The configuration file '{configFile}' "
                    + $"{(Directory.Exists(full) ? "is a folder; --config names a JSON file" : "does not exist")}.");
            }

            builder.AddJsonFile(full, optional: false);
        }

        IConfiguration config;
        try
        {
            config = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            // The JSON provider says only "Failed to load configuration from file"; where the JSON breaks is in the inner exception.
            throw new UsageException($"The configuration could not be read: "
                + $"{e.Message}{(JsonProblem(e) is { } j ? $" It is not valid JSON (line {j.LineNumber + 1}, byte {j.BytePositionInLine + 1})." : "")}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The configuration file '{configFile}' cannot be read: {e.Message}");
        }

        var settings = new AppSettings
        {
            Configuration = config,
            Csv = Bind<CsvOptions>(config, "Csv"),
            Phone = Bind<PhoneOptions>(config, "Phone"),
            Run = Bind<RunOptions>(config, "Run"),
            Graph = Bind<Graph.GraphOptions>(config, "Graph"),
            Emulator = Bind<Graph.EmulatorOptions>(config, "Emulator"),
            Dispatch = Bind<Dispatch.DispatchOptions>(config, "Dispatch"),
            Logging = Bind<LoggingOptions>(config, "Logging"),
            Inbox = Bind<Inbox.InboxOptions>(config, "Inbox"),
            State = Bind<State.StateOptions>(config, "State"),
            Status = Bind<Status.StatusOptions>(config, "Status"),
            ConfigDirectory = configFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(configFile))!,
        };
        // Relative paths of the configuration mean the same wherever a scheduler starts us: resolved once, here,
        // against the --config file's folder (State:Path, Inbox:RunsFolder and Logging:Folder are resolved where used).
        settings.Run.OutputRoot = settings.ResolvePath(settings.Run.OutputRoot);
        settings.Emulator.SeedPath = settings.Emulator.SeedPath is { } seed ? settings.ResolvePath(seed) : null;
        var unknown = ConfigurationCheck.UnknownKeys(config);
        if (unknown.Count > 0)
        {
            throw new UsageException($"The configuration names {(unknown.Count == 1 ? "a key" : "keys")} BulkRegistrar does not know: "
                + $"{string.Join(", ", unknown)}. Check the spelling against appsettings.json (a misspelt key would otherwise be ignored and its "
                + $"default used).");
        }

        var errors = settings.Csv.Validate().Concat(settings.Graph.Validate()).Concat(settings.Emulator.Validate())
            .Concat(settings.Dispatch.Validate()).Concat(settings.Inbox.Validate()).Concat(settings.State.Validate())
            .Concat(settings.Logging.Validate()).Concat(settings.Run.Validate()).Concat(settings.Status.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new UsageException($"The configuration is invalid: {string.Join("; ", errors)}.");
        }

        return settings;
    }

    private static T Bind<T>(IConfiguration config, string section)
        where T : new()
    {
        try
        {
            return config.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"Configuration section {section} is invalid: {e.Message}");
        }
    }
}
