using BulkRegistrar.Audit;
using BulkRegistrar.Inbox;
using BulkRegistrar.State;
using Microsoft.Data.Sqlite;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Locks another process holds — the state store's write lock, a run folder's lock — met by the real CLI as a
/// child process (the exit code is the process's, after Program's own handling): one sentence, never "Unexpected
/// error", and summary.json's exitCode the same as the process's whenever a summary is written.
/// </summary>
public sealed class RunLockTests : IAsyncLifetime
{
    private const int Users = 400;
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() => _target = await RealTimeEmulator.StartAsync("locks-", GeneratedTenant.Seed(Users), "off");

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private string Store => Path.Combine(_target.Folder, "state", "state.db");

    private const string Config = """{ "State": { "LockTimeout": "00:00:01" }, "Emulator": { "TimeCompression": 1 } }""";

    [Fact]
    public async Task A_state_store_locked_by_another_process_is_one_sentence_and_exit_2_before_any_run_folder()
    {
        using (StateStore.Open(Store, TimeSpan.FromSeconds(1)))
        {
        }

        using var other = HoldWriteLock();
        using var cli = _target.StartApply(GeneratedTenant.Csv(Users), Config, "--state", Store);
        var exit = await cli.WaitForExit();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(cli.Output, $"The state store '{Store}' is locked by another process (waited 1 s): another run is using it.");
        Assert.False(Directory.Exists(_target.RunFolder));
        Assert.Equal(0, _target.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task A_state_store_locked_during_the_run_makes_the_exit_code_and_the_summary_say_the_same()
    {
        using var cli = _target.StartApply(GeneratedTenant.Csv(Users), Config, "--state", Store);
        await cli.WaitForAuditLines(30);
        using var other = HoldWriteLock();

        var exit = await cli.WaitForExit();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var summary = cli.Summary();
        Assert.Equal(exit, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal(StateStore.AbortCause, summary.GetProperty("abortCause").GetString());
        Assert.StartsWith($"The state store '{Store}' is locked by another process", summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        OneSentence.In(cli.Output, "The users of this run are not remembered: the next run checks them against Graph; the audit is complete.");
        Assert.Equal(Enumerable.Range(2, Users), cli.Audit().Select(r => r.Line()).Distinct().Order()); // the rows' answers are all there
    }

    [Fact]
    public async Task A_resume_of_a_run_folder_another_apply_is_writing_into_is_one_sentence_and_exit_3()
    {
        var lockPath = Path.Combine(_target.RunFolder, InboxLock.FileName);
        using (var running = _target.StartApply(GeneratedTenant.Csv(Users), Config))
        {
            await running.WaitForAuditLines(10);
            // Stopped, not ended: it still holds its lock while the early resume starts (on a loaded machine a 400-row
            // apply could otherwise finish first, and its finished folder has nothing to resume).
            running.Signal(CliProcess.SIGSTOP);
            using var early = CliProcess.Resume(_target.RunFolder);
            Assert.Equal(ExitCodes.AlreadyRunning, await early.WaitForExit());
            OneSentence.In(early.Output, $"Another apply holds {lockPath} (PID ");
            running.Signal(CliProcess.SIGKILL);
            await running.WaitForExit();
        }

        using var first = CliProcess.Resume(_target.RunFolder);
        await first.WaitForOutput("Resuming");
        using var second = CliProcess.Resume(_target.RunFolder);

        Assert.Equal(ExitCodes.AlreadyRunning, await second.WaitForExit());
        OneSentence.In(second.Output, $"Another apply holds {lockPath} (PID ");
        Assert.Contains("this one exits without touching anything.", second.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
        var exit = await first.WaitForExit();
        Assert.True(exit is ExitCodes.Success or ExitCodes.RowsNeedAttention, first.Output);
        Assert.Equal(exit, first.Summary().GetProperty("exitCode").GetInt32());
        Assert.Contains("Taking over the stale lock", first.Output.ReplaceLineEndings(""), StringComparison.Ordinal); // the killed run's
        Assert.False(File.Exists(lockPath));
        var records = first.Audit();
        Assert.Equal(records.Count, records.Select(r => (r.Line(), r.Method())).Distinct().Count()); // one audit, written by one process at a time
    }

    [Fact]
    public async Task Resumes_started_together_on_a_killed_run_finish_it_once_and_the_others_are_exit_3()
    {
        using (var running = _target.StartApply(GeneratedTenant.Csv(Users), Config))
        {
            await running.WaitForAuditLines(10);
            running.Signal(CliProcess.SIGKILL); // leaves its lock behind: every resume finds it stale at once
            await running.WaitForExit();
        }

        var resumes = Enumerable.Range(0, 3).Select(_ => CliProcess.Resume(_target.RunFolder)).ToList();
        try
        {
            var exits = await Task.WhenAll(resumes.Select(r => r.WaitForExit()));

            var outputs = string.Join("\n", resumes.Select(r => r.Output));
            Assert.True(exits.Order().SequenceEqual([ExitCodes.Success, ExitCodes.AlreadyRunning, ExitCodes.AlreadyRunning]),
                $"exit codes {string.Join(", ", exits)}:\n{outputs}");
            Assert.All(resumes.Where((_, i) => exits[i] == ExitCodes.AlreadyRunning), r => OneSentence.In(r.Output, "this one exits without touching "
                + "anything."));
            var records = resumes[0].Audit(); // every line whole: one process wrote it
            Assert.Equal(records.Count, records.Select(r => (r.Line(), r.Method())).Distinct().Count());
            Assert.Equal(Enumerable.Range(2, Users), records.Select(r => r.Line()).Distinct().Order());
            Assert.Equal(0, _target.Emulator.GetStats().DuplicateCreateAttempts); // no write sent twice
            Assert.Equal(records.Count, _target.Emulator.GetStats().WritesApplied);
        }
        finally
        {
            resumes.ForEach(r => r.Dispose());
        }
    }

    private SqliteConnection HoldWriteLock()
    {
        var connection = new SqliteConnection($"Data Source={Store};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return connection; // disposing it rolls back and lets go
    }
}
