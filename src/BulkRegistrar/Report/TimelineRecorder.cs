using System.Globalization;
using System.Text.Json;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Report;

/// <summary>
/// Samples apply's dispatch counters once a second into <c>timeline.jsonl</c> (format in
/// <see cref="Timeline"/>). It only reads what the dispatcher already counts — successful writes,
/// requests and 429s from <see cref="DispatchStats"/>, time closed from <see cref="ThrottleGate"/>, the
/// pacer's current rate — so recording changes nothing in dispatch. Each line is flushed as it is
/// written: a run that dies still leaves its timeline up to the last second.
/// </summary>
internal sealed class TimelineRecorder : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly StreamWriter? _file;
    private readonly Func<Sample> _sample;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly ITimer _timer;
    private Sample _last;
    private double _lastT;
    private double _pausedUntil; // seconds since start: the gate's window as the counters let us see it
    private bool _done;

    private TimelineRecorder(string path, double writesPerSecondBudget, Func<Sample> sample, TimeProvider time)
    {
        (_sample, _time) = (sample, time);
        try
        {
            _file = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
            _file.WriteLine(JsonSerializer.Serialize(new { kind = "budget", writesPerSecond = Math.Round(writesPerSecondBudget, 3) }));
        }
        catch (IOException)
        {
            // A full disk: the timeline is diagnostics (the report's chart), never a reason to stop the run or to crash it.
            _done = true;
        }

        _start = time.GetTimestamp();
        _last = sample();
        _timer = time.CreateTimer(_ => Record(), null, Interval, Interval);
    }

    /// <summary>What the recorder reads each second; cumulative counters since the run started.</summary>
    internal readonly record struct Sample(long Writes, long Requests, long Throttled, TimeSpan GateClosed, double PacerWritesPerSecond);

    /// <summary>Starts recording an apply run; dispose it when dispatch has finished (it writes the last, partial second).</summary>
    /// <param name="writesPerSecondBudget">The configured write budget in wall-clock writes/s (budget × time compression): the chart's budget line.</param>
    public static TimelineRecorder Start(string runFolder, ImportPipeline pipeline, double writesPerSecondBudget, TimeProvider time) =>
        new(Path.Combine(runFolder, Timeline.FileName), writesPerSecondBudget, () => new Sample(
            pipeline.Stats.Writes, pipeline.Stats.Requests, pipeline.Stats.Throttled,
            pipeline.Gate?.TimeClosed ?? TimeSpan.Zero, pipeline.Pacer?.WriteRate ?? writesPerSecondBudget), time);

    internal static TimelineRecorder Start(string path, double writesPerSecondBudget, Func<Sample> sample, TimeProvider time) =>
        new(path, writesPerSecondBudget, sample, time);

    private void Record()
    {
        lock (_lock)
        {
            if (_done)
            {
                return;
            }

            var now = _sample();
            var t = _time.GetElapsedTime(_start).TotalSeconds;
            var length = t - _lastT;
            if (length <= 0)
            {
                return;
            }

            // The gate adds a Retry-After to TimeClosed when it closes; the pause runs from then (at the
            // earliest the start of this interval, at the latest when the previous pause ends) for that long.
            var announced = (now.GateClosed - _last.GateClosed).TotalSeconds;
            if (announced > 0)
            {
                _pausedUntil = Math.Max(_pausedUntil, _lastT) + announced;
            }

            var pausedMs = (long)Math.Round(Math.Clamp(_pausedUntil - _lastT, 0, length) * 1000);
            try
            {
                _file!.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"kind":"interval","t":{{Math.Round(t, 3)}},"seconds":{{Math.Round(length, 3)}},"writes":{{now.Writes - _last.Writes}}"""
                    + $$""","requests":{{now.Requests - _last.Requests}},"throttled":{{now.Throttled - _last.Throttled}},"pausedMs":{{pausedMs}}"""
                    + $$""","pacerWritesPerSecond":{{Math.Round(now.PacerWritesPerSecond, 3)}}}"""));
            }
            catch (IOException)
            {
                // On a timer thread an exception would end the process: the timeline stops here instead (the disk is full).
                _done = true;
                return;
            }

            (_last, _lastT) = (now, t);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Record(); // the last, partial interval: every write of the run is in the file
        lock (_lock)
        {
            _done = true;
            try
            {
                _file?.Dispose();
            }
            catch (IOException)
            {
                // AutoFlush: nothing is buffered but what the full disk refused already
            }
        }
    }
}
