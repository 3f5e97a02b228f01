using System.Globalization;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// Progress while Graph work runs: a live Spectre display on an interactive terminal, a plain line
/// every few seconds when output is redirected (a scheduler's log).
/// </summary>
internal sealed class ProgressReporter(IAnsiConsole console, ImportPipeline pipeline, TimeProvider time)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private long _lastWrites;
    private long _lastAt = time.GetTimestamp();
    private double _writesPerSecond;

    public async Task RunWhile(Task work)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().AutoClear(true).StartAsync(async ctx =>
            {
                var task = ctx.AddTask("users");
                while (!work.IsCompleted)
                {
                    task.MaxValue = Math.Max(1, pipeline.Validation?.TotalRows ?? 1);
                    task.Value = pipeline.UsersDone;
                    task.Description = SafeConsole.Line(Line());
                    await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(250), time));
                }
            });
        }
        else
        {
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(PlainInterval, time));
                if (!work.IsCompleted)
                {
                    console.MarkupLine(SafeConsole.Line(Line()));
                }
            }
        }

        await work;
    }

    private string Line()
    {
        var s = pipeline.Stats;
        var elapsed = time.GetElapsedTime(_lastAt);
        if (elapsed >= TimeSpan.FromSeconds(1))
        {
            // Writes per second over the last second or more, so the figure follows the run's pace.
            _writesPerSecond = (s.Writes - _lastWrites) / elapsed.TotalSeconds;
            (_lastWrites, _lastAt) = (s.Writes, time.GetTimestamp());
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"users {pipeline.UsersDone}/{pipeline.Validation?.TotalRows?.ToString(CultureInfo.InvariantCulture) ?? "?"} · requests {s.Requests} · "
                + $"writes {s.Writes} ({_writesPerSecond:0}/s) · retries {s.Retries} · 429s {s.Throttled} · throttled "
                + $"{pipeline.Gate?.TimeClosed.TotalSeconds ?? 0:0.0}s · batches in flight ≤{pipeline.Concurrency?.Current ?? 0}");
    }
}
