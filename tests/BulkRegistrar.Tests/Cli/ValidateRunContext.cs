using BulkRegistrar.Cli;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using Spectre.Console;

namespace BulkRegistrar.Tests.Cli;

/// <summary>A validate run into <c>folder</c> (input a.csv, default settings, the fake clock at the run's start), for tests of a run's end.</summary>
internal static class ValidateRunContext
{
    public static RunContext In(string folder, IAnsiConsole console, ILogger log) => new()
    {
        Mode = "validate", InputPath = "a.csv", RunFolder = folder, Settings = AppSettings.Load(null), Region = null, Encoding = null,
        Log = log, Console = console, Time = new FakeTimeProvider(Clocks.RunStart),
    };
}
