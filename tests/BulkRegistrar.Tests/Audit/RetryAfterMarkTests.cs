using BulkRegistrar.Audit;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Audit;

public sealed class RetryAfterMarkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mark-").FullName;
    private readonly FakeTimeProvider _time = new(Clocks.RunStart);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_folder_without_a_mark_has_no_window_to_wait_out() => Assert.Null(RetryAfterMark.Read(_folder));

    [Fact]
    public void The_mark_keeps_the_latest_end_of_any_window_and_never_moves_back()
    {
        var mark = new RetryAfterMark(_folder, _time);

        mark.Note(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(2));
        mark.Note(TimeSpan.FromSeconds(3)); // ends at 5 s, before the first window's 10 s
        Assert.Equal(Clocks.RunStart.AddSeconds(10), RetryAfterMark.Read(_folder));

        mark.Note(TimeSpan.FromSeconds(30));
        Assert.Equal(Clocks.RunStart.AddSeconds(32), RetryAfterMark.Read(_folder));
        Assert.Single(Directory.GetFiles(_folder)); // replaced whole, no temporary file left
    }

    [Fact]
    public void An_unreadable_mark_is_no_window()
    {
        File.WriteAllText(Path.Combine(_folder, RetryAfterMark.FileName), "not an instant");
        Assert.Null(RetryAfterMark.Read(_folder));
    }

    [Fact]
    public void A_folder_that_is_gone_loses_the_mark_without_failing_the_run()
    {
        var mark = new RetryAfterMark(Path.Combine(_folder, "gone"), _time);
        mark.Note(TimeSpan.FromSeconds(5));
        Assert.Null(RetryAfterMark.Read(Path.Combine(_folder, "gone")));
    }
}
