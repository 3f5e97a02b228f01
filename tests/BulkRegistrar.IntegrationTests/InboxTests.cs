using System.Diagnostics;
using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Inbox;
using Spectre.Console.Testing;

namespace BulkRegistrar.IntegrationTests;

/// <summary><c>inbox &lt;folder&gt;</c> through the real command line against the collection's emulator.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class InboxTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly string _inbox = Directory.CreateTempSubdirectory("inbox-").FullName;
    private readonly string _config;
    private TestConsole _console = new();

    public InboxTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _fixture.Emulator.Reseed(GeneratedTenant.Seed(20));
        _config = Path.Combine(Directory.CreateTempSubdirectory("inbox-config-").FullName, "nightly.json");
        File.WriteAllText(_config, """{ "Inbox": { "SettleTime": "00:01:00" }, "Dispatch": { "MaxRetryTime": "00:10:00" } }""");
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        Directory.Delete(_inbox, recursive: true);
        Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);
    }

    [Fact]
    public async Task Settled_files_are_applied_oldest_first_and_moved_to_processed_with_runs_under_the_inbox()
    {
        var newer = Drop("b-later.csv", "upn,mobile\nhire00002@contoso.com,+44 7400100002\n", minutesAgo: 5);
        var older = Drop("a-earlier.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(_console.Output.IndexOf("b-later.csv (2 of 2)", StringComparison.Ordinal) > _console.Output.IndexOf("a-earlier.csv (1 of 2)",
            StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "a-earlier.csv")));
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "b-later.csv")));
        Assert.False(File.Exists(older) || File.Exists(newer));
        var runs = Directory.GetDirectories(Path.Combine(_inbox, "runs"));
        Assert.Equal(2, runs.Length);
        Assert.All(runs, r => Assert.Equal(0, Summary(r).GetProperty("exitCode").GetInt32()));
        Assert.False(File.Exists(Path.Combine(_inbox, InboxLock.FileName)));
        Assert.Equal(2, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task An_unusable_file_goes_to_failed_a_taken_name_is_never_overwritten_and_the_exit_code_is_the_worst()
    {
        Directory.CreateDirectory(Path.Combine(_inbox, "failed"));
        File.WriteAllText(Path.Combine(_inbox, "failed", "empty.csv"), "earlier evidence");
        Drop("empty.csv", "upn,mobile\n", minutesAgo: 10);
        Drop("good.csv", "upn,mobile\nhire00003@contoso.com,+44 7400100003\n", minutesAgo: 5);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Equal("earlier evidence", File.ReadAllText(Path.Combine(_inbox, "failed", "empty.csv")));
        Assert.Single(Directory.GetFiles(Path.Combine(_inbox, "failed"), "empty-*.csv"));
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "good.csv")));
    }

    [Fact]
    public async Task A_second_invocation_while_one_holds_the_lock_exits_at_once_with_code_3_and_touches_nothing()
    {
        var file = Drop("a.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);
        var (held, _) = InboxLock.Acquire(_inbox, TimeProvider.System, _ => { });
        using (held)
        {
            var exit = await Inbox();

            Assert.Equal(ExitCodes.AlreadyRunning, exit);
            Assert.Contains($"Another inbox run holds {Path.Combine(_inbox, InboxLock.FileName)} (PID {Environment.ProcessId} on {Environment.MachineName}",
                _console.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(file));
            Assert.False(Directory.Exists(Path.Combine(_inbox, "runs")));
        }
    }

    [Fact]
    public async Task A_stale_lock_of_a_process_that_no_longer_runs_is_taken_over_with_a_warning()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        File.WriteAllText(Path.Combine(_inbox, InboxLock.FileName),
            JsonSerializer.Serialize(new InboxLock.Holder(gone.Id, Environment.MachineName, DateTimeOffset.UtcNow.AddHours(-3))));
        Drop("a.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"Taking over the stale lock {Path.Combine(_inbox, InboxLock.FileName)}: PID {gone.Id}", _console.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "a.csv")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"Pid\":0,\"Host\":\"\",\"Started\":\"0001-01-01T00:00:00+00:00\"}")]
    [InlineData("not json")]
    public async Task A_lock_that_does_not_say_who_holds_it_is_taken_over_once_it_is_older_than_a_minute(string content)
    {
        var lockPath = Path.Combine(_inbox, InboxLock.FileName);
        File.WriteAllText(lockPath, content);
        File.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddMinutes(-10));
        Drop("a.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"Taking over the unreadable lock {lockPath}.", _console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PID 0", _console.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "a.csv")));
    }

    [Fact]
    public async Task A_file_still_being_written_is_left_for_the_next_run()
    {
        var writing = Drop("arriving.csv", "upn,mobile\nhire00001@contoso.com,+44 74001", minutesAgo: 0);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(File.Exists(writing));
        Assert.Contains("arriving.csv: still being written", _console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_inbox, "runs")));
        Assert.Equal(0, _fixture.Emulator.GetStats().TokensIssued);
    }

    [Fact]
    public async Task Plan_only_plans_every_file_and_leaves_it_in_the_inbox()
    {
        var file = Drop("a.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);

        var exit = await Inbox("--plan-only");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(File.Exists(file));
        Assert.Equal("plan", Summary(Directory.GetDirectories(Path.Combine(_inbox, "runs")).Single()).GetProperty("mode").GetString());
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_file_whose_run_did_not_finish_is_resumed_in_that_run_folder_instead_of_started_again()
    {
        var file = Drop("hires.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\nhire00002@contoso.com,+44 "
            + "7400100002\nhire00003@contoso.com,+44 7400100003\n", minutesAgo: 10);
        var run = Path.Combine(_inbox, "runs", "20250101-010101-hires");
        var first = await CliApp.RunAsync(["apply", file, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", _config, "--out", run],
            new TestConsole().Width(300), TimeProvider.System);
        Assert.Equal(ExitCodes.Success, first);
        // As a kill after the first record leaves it: no summary, the journal cut short (the last record torn).
        File.Delete(Path.Combine(run, "summary.json"));
        var lines = File.ReadAllLines(Path.Combine(run, "audit.jsonl"));
        File.WriteAllText(Path.Combine(run, "audit.jsonl"), lines[0] + "\n" + lines[1][..15]);
        await StrictEmulatorFixture.WaitOutReadLagAsync();
        var writes = _fixture.Emulator.GetStats().WritesApplied;

        var exit = await Inbox();

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("resumes", _console.Output, StringComparison.Ordinal);
        Assert.Equal([run], Directory.GetDirectories(Path.Combine(_inbox, "runs")));
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "hires.csv")));
        var outcomes = File.ReadAllLines(Path.Combine(run, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal([2, 3, 4], outcomes.Select(r => r.Line()).Order());
        Assert.Equal(["Created", "Unchanged", "Unchanged"], outcomes.Select(r => r.Outcome()));
        Assert.Equal(3, Summary(run).GetProperty("records").GetInt64());
        Assert.Equal(writes, _fixture.Emulator.GetStats().WritesApplied); // nothing written twice
    }

    [Fact]
    public async Task A_csv_whose_extension_is_in_capitals_is_processed_like_any_other()
    {
        Drop("NewHires.CSV", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "NewHires.CSV")));
        Assert.Equal(1, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_damaged_state_store_leaves_every_file_in_the_inbox_with_one_sentence_and_exit_2()
    {
        var files = DropTwoGoodFiles();
        Directory.CreateDirectory(Path.Combine(_inbox, "runs"));
        var store = Path.Combine(_inbox, "runs", "state.db");
        File.WriteAllText(store, "not a database: a text file saved over it");

        var exit = await Inbox();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence($"The state store '{store}' is damaged or not a BulkRegistrar state store");
        AssertStayed(files);
        Assert.Equal(0, _fixture.Emulator.GetStats().TokensIssued);
    }

    [Theory]
    [InlineData("--concurrency", "99", "--concurrency must be between 1 and 64.")]
    [InlineData("--encoding", "klingon", "--encoding 'klingon' is not an encoding this system knows")]
    [InlineData("--region", "XX", "--region: ")]
    public async Task A_bad_option_leaves_every_file_in_the_inbox_with_one_sentence_and_exit_2(string option, string value, string sentence)
    {
        var files = DropTwoGoodFiles();

        var exit = await Inbox(option, value);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence(sentence);
        AssertStayed(files);
        Assert.False(Directory.Exists(Path.Combine(_inbox, "runs")) && Directory.GetDirectories(Path.Combine(_inbox, "runs")).Length > 0);
    }

    [Fact]
    public async Task A_problem_of_the_run_met_by_a_files_own_run_leaves_that_file_and_the_next_in_the_inbox()
    {
        var files = DropTwoGoodFiles();

        // Not https: refused by the file's own apply, before anything is sent; the same for every file.
        _console = new TestConsole().Width(300);
        var exit = await CliApp.RunAsync(["inbox", _inbox, "--emulator-url", "http://127.0.0.1:1", "--config", _config], _console, TimeProvider.System);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence("--emulator-url 'http://127.0.0.1:1' must be an https URL");
        Assert.Contains("a.csv stays in the inbox: a problem of the run, not of the file; the inbox stops here.", _console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(2 of 2)", _console.Output, StringComparison.Ordinal);
        AssertStayed(files);
    }

    [Fact]
    public async Task A_read_only_inbox_folder_is_one_sentence_and_exit_2_and_its_files_stay()
    {
        using var readOnly = ReadOnlyMount.Create(folder =>
        {
            var csv = Path.Combine(folder, "a.csv");
            File.WriteAllText(csv, "upn,mobile\nhire00001@contoso.com,+44 7400100001\n");
            File.SetLastWriteTimeUtc(csv, DateTime.UtcNow.AddMinutes(-10));
        });
        _console = new TestConsole().Width(300);

        var exit = await CliApp.RunAsync(["inbox", readOnly.Path, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", _config],
            _console, TimeProvider.System);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence($"The lock {Path.Combine(readOnly.Path, InboxLock.FileName)} cannot be created (Read-only file system); the folder must be "
            + $"writable for the account that runs BulkRegistrar. Nothing was done.");
        Assert.Equal(["a.csv"], Directory.GetFileSystemEntries(readOnly.Path).Select(Path.GetFileName));
        Assert.Equal(0, _fixture.Emulator.GetStats().TokensIssued);
    }

    [Fact]
    public async Task A_lock_path_that_is_a_folder_is_one_sentence_and_exit_2_and_the_files_stay()
    {
        var files = DropTwoGoodFiles();
        Directory.CreateDirectory(Path.Combine(_inbox, InboxLock.FileName));

        var exit = await Inbox();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence($"The lock path {Path.Combine(_inbox, InboxLock.FileName)} is a folder, so no inbox run can take the lock; remove that folder");
        AssertStayed(files);
    }

    [Fact]
    public async Task A_processed_folder_that_cannot_be_written_leaves_the_file_in_the_inbox_with_one_sentence()
    {
        var file = Drop("a.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10);
        var processed = Path.Combine(_inbox, "processed");
        using var readOnly = ReadOnlyMount.At(processed);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence($"a.csv cannot be moved to {processed} (Read-only file system); it stays in the inbox.");
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFileSystemEntries(processed));
        Assert.False(Directory.Exists(Path.Combine(_inbox, "failed")));
        Assert.False(File.Exists(Path.Combine(_inbox, InboxLock.FileName)));
    }

    [Fact]
    public async Task A_runs_folder_that_cannot_be_written_leaves_every_file_in_the_inbox()
    {
        var files = DropTwoGoodFiles();
        using var readOnly = ReadOnlyMount.Create();
        var config = Path.Combine(Path.GetDirectoryName(_config)!, "ro-runs.json");
        File.WriteAllText(config, $$"""{ "Inbox": { "RunsFolder": "{{readOnly.Path}}" }, "State": { "Path": "state/state.db" } }""");
        _console = new TestConsole().Width(300);

        var exit = await CliApp.RunAsync(["inbox", _inbox, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", config], _console,
            TimeProvider.System);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence($"Cannot create the run folder '{readOnly.Path}/");
        AssertStayed(files);
        Assert.Empty(Directory.GetFileSystemEntries(readOnly.Path));
    }

    [Fact]
    public async Task A_file_asking_for_a_password_reset_the_night_cannot_do_goes_to_failed_and_the_next_file_is_processed()
    {
        Drop("reset.csv", "upn,mobile,ResetPassword\nhire00001@contoso.com,+44 7400100001,true\n", minutesAgo: 10);
        Drop("good.csv", "upn,mobile\nhire00002@contoso.com,+44 7400100002\n", minutesAgo: 5);

        var exit = await Inbox();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        AssertOneSentence("Password reset was asked for");
        Assert.True(File.Exists(Path.Combine(_inbox, "failed", "reset.csv")));
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "good.csv")));
    }

    private string[] DropTwoGoodFiles() =>
    [
        Drop("a.csv", "upn,mobile\nhire00001@contoso.com,+44 7400100001\n", minutesAgo: 10),
        Drop("b.csv", "upn,mobile\nhire00002@contoso.com,+44 7400100002\n", minutesAgo: 5),
    ];

    private void AssertOneSentence(string sentence) => OneSentence.In(_console.Output, sentence);

    private void AssertStayed(string[] files)
    {
        Assert.All(files, f => Assert.True(File.Exists(f), f + " left the inbox"));
        Assert.False(Directory.Exists(Path.Combine(_inbox, "failed")));
        Assert.False(Directory.Exists(Path.Combine(_inbox, "processed")));
        Assert.False(File.Exists(Path.Combine(_inbox, InboxLock.FileName)));
    }

    [Fact]
    public async Task A_file_that_cannot_be_opened_stays_in_the_inbox_and_the_files_after_it_still_run()
    {
        var dangling = Path.Combine(_inbox, "a-link.csv");
        File.CreateSymbolicLink(dangling, Path.Combine(_inbox, "removed-by-hr.csv"));
        using (var touch = Process.Start("touch", ["-h", "-d", "10 minutes ago", dangling]))
        {
            await touch.WaitForExitAsync(); // the link's own time (.NET's setters follow a link): settled, and older than b.csv
        }

        Drop("b.csv", "upn,mobile\nhire00002@contoso.com,+44 7400100002\n", minutesAgo: 5);
        Assert.Equal("a-link.csv", Path.GetFileName(new InboxFolder(_inbox, TimeProvider.System).List(TimeSpan.Zero).Ready[0])); // listed first

        var exit = await Inbox();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(_console.Output, $"'{dangling}' is a link to '{Path.Combine(_inbox, "removed-by-hr.csv")}', which does not exist; name the "
            + $"file itself.");
        OneSentence.In(_console.Output, "a-link.csv stays in the inbox (it cannot be opened, so nothing was done with it); the inbox goes on with "
            + "the next file.");
        Assert.NotNull(new FileInfo(dangling).LinkTarget);
        Assert.True(File.Exists(Path.Combine(_inbox, "processed", "b.csv")));
        Assert.Equal(1, _fixture.Emulator.GetStats().WritesApplied);
    }

    private string Drop(string name, string text, int minutesAgo)
    {
        var path = Path.Combine(_inbox, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-minutesAgo));
        return path;
    }

    private async Task<int> Inbox(params string[] more)
    {
        _console = new TestConsole().Width(300);
        return await CliApp.RunAsync(["inbox", _inbox, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", _config, .. more],
            _console, TimeProvider.System);
    }

    private static JsonElement Summary(string runFolder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json"))).RootElement.Clone();
}
