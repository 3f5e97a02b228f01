using Microsoft.Extensions.Configuration;
using Serilog;

namespace BulkRegistrar.Cli;

/// <summary>
/// Serilog from the <c>Serilog</c> section of the configuration (console by default), plus
/// <c>&lt;run&gt;/run.log</c> for the run. Diagnostics only: the audit is the product. Phone numbers are
/// masked before they become a log property (see <see cref="Masking"/>).
/// </summary>
internal static class Logging
{
    public static ILogger Create(IConfiguration configuration, string runFolder) =>
        new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .WriteTo.File(Path.Combine(runFolder, "run.log"),
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
}
