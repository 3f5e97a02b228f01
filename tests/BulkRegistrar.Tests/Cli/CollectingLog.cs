using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace BulkRegistrar.Tests.Cli;

/// <summary>A Serilog logger whose events are kept in memory, rendered, for assertions.</summary>
internal sealed class CollectingLog : ILogEventSink
{
    private readonly List<string> _lines = [];

    public CollectingLog() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_lines)
        {
            _lines.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
