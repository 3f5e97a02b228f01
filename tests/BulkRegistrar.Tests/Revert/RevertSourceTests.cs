using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Methods;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Revert;

namespace BulkRegistrar.Tests.Revert;

public sealed class RevertSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("revert-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Only_an_apply_run_can_be_reverted()
    {
        Write("validate", "");

        var e = Assert.Throws<UsageException>(() => RevertSource.Read(_folder));
        Assert.Contains("validate run", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_is_no_run_is_named_as_such()
    {
        Assert.Contains("not a run folder", Assert.Throws<UsageException>(() => RevertSource.Read(_folder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_change_becomes_its_undo_in_graphs_order_and_an_update_without_previous_is_skipped()
    {
        Write("apply", """
            {"line":2,"user":"a@x.com","method":"mobile","normalized":"+44 7400000001","outcome":"Created","previous":null}
            {"line":2,"user":"a@x.com","method":"alternateMobile","normalized":"+44 7400000002","outcome":"Created","previous":null}
            {"line":2,"user":"a@x.com","method":"smsSignIn","normalized":"enable","outcome":"Updated","previous":"notEnabled"}
            {"line":3,"user":"b@x.com","method":"office","normalized":"+44 2079460001","outcome":"Updated","previous":null}
            {"line":4,"user":"c@x.com","method":"email","normalized":null,"outcome":"Deleted","previous":"c@home.example"}
            {"line":5,"user":"d@x.com","method":"mobile","normalized":"+44 7400000005","outcome":"Unchanged","previous":null}
            """);

        var plan = RevertSource.Read(_folder);

        Assert.Equal(5, plan.Changes);
        var a = plan.Users.Single(u => u[0].User == "a@x.com");
        Assert.Equal([SmsSignInMethod.DisableAgain, UndoKind.Delete, UndoKind.Delete], a.Select(s => s.Kind));
        Assert.Equal([MethodKind.SmsSignIn, MethodKind.AlternateMobile, MethodKind.Mobile], a.Select(s => s.Method));
        var c = Assert.Single(plan.Users.Single(u => u[0].User == "c@x.com"));
        Assert.Equal((UndoKind.Recreate, "c@home.example"), (c.Kind, c.Previous));
        var skipped = Assert.Single(plan.Settled);
        Assert.Equal((3, Outcome.Skipped, RevertSource.NoPreviousValue), (skipped.Line, skipped.Outcome, skipped.Error));
    }

    [Fact]
    public void A_damaged_change_in_the_audit_stops_the_revert_in_one_sentence_naming_its_line()
    {
        Write("apply", """
            {"line":2,"user":"a@x.com","method":"mobile","normalized":"+44 7400000001","outcome":"Created","previous":null}
            {"line":3,"user":"b@x.com","method":"mobile","normalized":"+44 74000
            """);

        var e = Assert.Throws<UsageException>(() => RevertSource.Read(_folder));

        Assert.Contains("audit.jsonl line 2 in '" + _folder + "' is not a record of the run", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"line\":2,\"user\":\"a@x.com\",\"method\":\"mobile\",\"outcome\":\"Cre", "audit.jsonl line 2")]
    [InlineData("[1,2]", "audit.jsonl line 2")]
    [InlineData("{\"user\":\"a@x.com\",\"outcome\":\"Created\"}", "audit.jsonl line 2")]
    public async Task A_damaged_audit_line_is_one_sentence_and_exit_2_not_an_unexpected_error(string damaged, string named)
    {
        Write("apply", """{"line":2,"user":"a@x.com","method":"mobile","normalized":"+44 7400000001","outcome":"Created","previous":null}""" + "\n"
            + damaged + "\n");

        var (exit, output) = await Revert();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(output, $"{named} in '{_folder}' is not a record of the run (edited or damaged), so what the run changed cannot be read from it");
    }

    [Fact]
    public async Task A_damaged_summary_is_one_sentence_and_exit_2()
    {
        Write("apply", "");
        File.WriteAllText(Path.Combine(_folder, "summary.json"), """{ "mode": "apply" """);

        var (exit, output) = await Revert();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(output, $"summary.json in '{_folder}' is not a record of the run");
    }

    [Fact]
    public void A_blank_line_an_editor_left_at_the_end_of_the_audit_is_no_record()
    {
        Write("apply", """{"line":2,"user":"a@x.com","method":"mobile","normalized":"+44 7400000001","outcome":"Created","previous":null}""" + "\n\n");

        Assert.Equal(1, RevertSource.Read(_folder).Changes);
    }

    [Fact]
    public async Task A_run_that_did_not_finish_is_sent_to_resume_first_its_audit_may_miss_writes_that_landed()
    {
        Write("apply", "");
        File.Delete(Path.Combine(_folder, "summary.json"));

        var (exit, output) = await Revert();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(output, $"The run in '{_folder}' did not finish (it has no summary.json), so its audit may not hold every change it made; "
            + $"finish it with apply --resume {_folder}, then revert it.");
    }

    [Fact]
    public void A_run_stopped_because_its_evidence_could_not_be_written_is_sent_to_resume_first()
    {
        Write("apply", "");
        File.WriteAllText(Path.Combine(_folder, "summary.json"), """{ "mode": "apply", "abortCause": "evidenceUnwritable" }""");

        var e = Assert.Throws<UsageException>(() => RevertSource.Read(_folder));
        Assert.Contains($"stopped because its evidence could not be written, so its audit may not hold every change it made; finish it with apply "
            + $"--resume {_folder}", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The real command line; the run folder is read before any target is made, so --emulator never starts here.</summary>
    private async Task<(int Exit, string Output)> Revert()
    {
        using var cli = new CliRun();
        var exit = await cli.Run("revert", _folder, "--plan", "--emulator", "--out", cli.RunFolder);
        return (exit, cli.Output);
    }

    private void Write(string mode, string audit)
    {
        File.WriteAllText(Path.Combine(_folder, "summary.json"), $$"""{ "mode": "{{mode}}" }""");
        File.WriteAllText(Path.Combine(_folder, "audit.jsonl"), audit);
    }
}
