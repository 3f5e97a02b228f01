using System.Text.Json;
using BulkRegistrar.Report;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Report;

public sealed class TimelineRecorderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_second_records_its_own_writes_and_429s_and_a_pause_spreads_over_the_seconds_it_lasts()
    {
        var time = new FakeTimeProvider();
        var now = new TimelineRecorder.Sample(0, 0, 0, TimeSpan.Zero, 20);
        var path = Path.Combine(_folder, Timeline.FileName);
        var recorder = TimelineRecorder.Start(path, 20, () => now, time);

        now = now with { Writes = 18, Requests = 30 };
        time.Advance(TimeSpan.FromSeconds(1));
        now = now with { Writes = 30, Requests = 50, Throttled = 2, GateClosed = TimeSpan.FromSeconds(2.5), PacerWritesPerSecond = 16 };
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        now = now with { Writes = 40 };
        time.Advance(TimeSpan.FromSeconds(1));
        now = now with { Writes = 45 };
        time.Advance(TimeSpan.FromSeconds(0.5));
        recorder.Dispose();

        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(20, lines[0].GetProperty("writesPerSecond").GetDouble());
        var points = lines.Skip(1).ToList();
        Assert.Equal([18L, 12, 0, 10, 5], points.Select(p => p.GetProperty("writes").GetInt64()));
        Assert.Equal([0L, 2, 0, 0, 0], points.Select(p => p.GetProperty("throttled").GetInt64()));
        Assert.Equal([0L, 1000, 1000, 500, 0], points.Select(p => p.GetProperty("pausedMs").GetInt64()));
        Assert.Equal([1.0, 1, 1, 1, 0.5], points.Select(p => p.GetProperty("seconds").GetDouble()));
        Assert.Equal(45, points.Sum(p => p.GetProperty("writes").GetInt64()));
        Assert.Equal(16, points[1].GetProperty("pacerWritesPerSecond").GetDouble());
    }

    [Fact]
    public void The_report_reads_the_timeline_with_its_budget_line()
    {
        var path = Path.Combine(_folder, Timeline.FileName);
        File.WriteAllLines(path,
        [
            """{"kind":"budget","writesPerSecond":1000}""",
            """{"kind":"interval","t":1,"seconds":1,"writes":900,"requests":950,"throttled":3,"pausedMs":400,"pacerWritesPerSecond":800}""",
            """{"kind":"interval","t":1.5,"sec""", // torn last line of a run that died
        ]);

        var timeline = Timeline.Read(path)!;

        Assert.Equal(1000, timeline["writesPerSecondBudget"]!.GetValue<double>());
        var point = Assert.Single(timeline["points"]!.AsArray())!;
        Assert.Equal(900, point["writes"]!.GetValue<long>());
        Assert.Equal(400, point["pausedMs"]!.GetValue<long>());
    }
}
