using Serilog;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>What every verb needs once its options are resolved: settings, run folder, logger, console, clock.</summary>
internal sealed class RunContext : IDisposable
{
    public required string Mode { get; init; }

    public required string InputPath { get; init; }

    public required string RunFolder { get; init; }

    public required AppSettings Settings { get; init; }

    public required string? Region { get; init; }

    public required string? Encoding { get; init; }

    public required ILogger Log { get; init; }

    public required IAnsiConsole Console { get; init; }

    public required TimeProvider Time { get; init; }

    public static string ToolVersion =>
        typeof(RunContext).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public void Dispose() => (Log as IDisposable)?.Dispose();
}
