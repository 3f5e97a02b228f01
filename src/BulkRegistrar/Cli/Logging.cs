using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;

namespace BulkRegistrar.Cli;

/// <summary>
/// Serilog from the <c>Serilog</c> section of the configuration (console by default), plus
/// <c>&lt;run&gt;/run.log</c> for the run and, when <c>Logging:Folder</c> is set, a daily rolling file with
/// retention (text or CLEF). Diagnostics only: the audit is the product. Every event passes the log policy
/// (<see cref="LogRedaction"/>) before any sink: secrets out, phone numbers masked.
/// </summary>
internal static class Logging
{
    public const string TextTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The assemblies whose sinks and formatters the configuration may name. Named, not discovered: the
    /// reader's discovery scans the application's folder for Serilog*.dll files, and the published single
    /// file has none there, so it would refuse every configuration ("no Serilog assemblies were found").
    /// </summary>
    private static readonly ConfigurationReaderOptions SinkAssemblies = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(CompactJsonFormatter).Assembly);

    /// <param name="production">The rolling file's settings; its folder already resolved to a full path.</param>
    public static ILogger Create(IConfiguration configuration, string runFolder, LoggingOptions? production = null)
    {
        var config = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration, SinkAssemblies)
            .Enrich.With(new LogRedaction())
            .WriteTo.File(Path.Combine(runFolder, "run.log"), outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
        if (production?.Folder is { } folder)
        {
            var path = Path.Combine(folder, "bulkregistrar-.log");
            config = production.Format == "clef"
                ? config.WriteTo.File(new CompactJsonFormatter(), path, rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: production.RetainedFileCount, shared: true)
                : config.WriteTo.File(path, outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: production.RetainedFileCount, shared: true);
        }

        return config.CreateLogger();
    }
}
