using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Cli;

public sealed class ResumeWaitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resume-wait-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_lag_is_counted_from_the_moment_the_interrupted_runs_last_writes_left()
    {
        var journal = Path.Combine(_folder, IntentJournal.FileName);
        File.WriteAllText(journal, "{}\n");
        var left = new DateTime(2026, 12, 7, 18, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(journal, left);

        var time = new FakeTimeProvider(new DateTimeOffset(left) + TimeSpan.FromSeconds(0.5));

        Assert.Equal(new DateTimeOffset(left) + TimeSpan.FromSeconds(2), ResumeWait.LagEnds(_folder, unanswered: 3, TimeSpan.FromSeconds(2), time));
    }

    [Fact]
    public void A_journal_time_ahead_of_the_clock_holds_the_resume_no_longer_than_the_lag()
    {
        var journal = Path.Combine(_folder, IntentJournal.FileName);
        File.WriteAllText(journal, "{}\n");
        File.SetLastWriteTimeUtc(journal, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(2), ResumeWait.LagEnds(_folder, unanswered: 3, TimeSpan.FromSeconds(2), time));
    }

    [Fact]
    public void Without_writes_whose_answers_never_came_or_without_a_journal_there_is_no_lag_to_wait_for()
    {
        var time = new FakeTimeProvider();
        Assert.Null(ResumeWait.LagEnds(_folder, unanswered: 3, TimeSpan.FromSeconds(2), time)); // no journal
        File.WriteAllText(Path.Combine(_folder, IntentJournal.FileName), "{}\n");
        Assert.Null(ResumeWait.LagEnds(_folder, unanswered: 0, TimeSpan.FromSeconds(2), time));
    }
}
