using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

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

        Assert.Equal(new DateTimeOffset(left) + TimeSpan.FromSeconds(2), ResumeWait.LagEnds(_folder, unanswered: 3, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Without_writes_whose_answers_never_came_or_without_a_journal_there_is_no_lag_to_wait_for()
    {
        Assert.Null(ResumeWait.LagEnds(_folder, unanswered: 3, TimeSpan.FromSeconds(2))); // no journal
        File.WriteAllText(Path.Combine(_folder, IntentJournal.FileName), "{}\n");
        Assert.Null(ResumeWait.LagEnds(_folder, unanswered: 0, TimeSpan.FromSeconds(2)));
    }
}
