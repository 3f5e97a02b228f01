using System.Text;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Resume;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Resume;

public sealed class AuditJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("journal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Jsonl => Path.Combine(_folder, "audit.jsonl");

    private string Csv => Path.Combine(_folder, "audit.csv");

    /// <summary>Writes records as the run does, then cuts the files where a kill would have.</summary>
    private void WriteRun(params AuditRecord[] records)
    {
        using var audit = AuditWriter.Open(_folder, new FakeTimeProvider(), "emulator-url");
        foreach (var r in records)
        {
            audit.Write(r);
        }
    }

    private static AuditRecord Created(int line, MethodKind method = MethodKind.Mobile) =>
        new(line, $"u{line}@contoso.com", method, "+44 7400 100001", "+44 7400100001", Outcome.Created) { Previous = null, Attempts = 1 };

    [Fact]
    public void A_torn_last_line_is_dropped_and_both_audit_files_are_cut_back_to_the_whole_records()
    {
        WriteRun(Created(2), Created(3), Created(4));
        var whole = File.ReadAllText(Jsonl);
        var lastStart = whole.TrimEnd('\n').LastIndexOf('\n') + 1;
        File.WriteAllText(Jsonl, whole[..(lastStart + 20)]); // the kill tore the third record after 20 bytes
        File.AppendAllText(Csv, "5,u5@contoso.com,mob"); // and the CSV mid-row

        var contents = AuditJournal.Prepare(_folder, "emulator-url");

        Assert.Equal(20, contents.TornBytes);
        Assert.Equal([2, 3], contents.Kept.Select(k => k.Record.Line));
        Assert.Equal(whole[..lastStart], File.ReadAllText(Jsonl)); // the whole records, byte for byte
        var csvLines = File.ReadAllLines(Csv, Encoding.UTF8);
        Assert.Equal(3, csvLines.Length); // header + the two kept records: in step with the journal
        Assert.StartsWith("2,u2@contoso.com,mobile,", csvLines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,u3@contoso.com,mobile,", csvLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Records_appended_after_a_resume_follow_the_kept_ones_in_both_files_without_a_second_header()
    {
        WriteRun(Created(2));
        var contents = AuditJournal.Prepare(_folder, "emulator-url");
        using (var audit = AuditWriter.Append(_folder, new FakeTimeProvider(), "emulator-url", contents.Kept.Select(k => k.Record)))
        {
            audit.Write(Created(3));
            Assert.Equal(2, audit.Tally.Records); // the summary counts the whole file
            Assert.Equal(2, audit.Tally[Outcome.Created]);
        }

        Assert.Equal([2, 3], File.ReadAllLines(Jsonl).Select(l => AuditRecordJson.Parse(l)!.Line));
        var csv = File.ReadAllBytes(Csv);
        Assert.Equal(1, Encoding.UTF8.GetString(csv).Split("line,user,method").Length - 1);
        Assert.Equal(3, File.ReadAllLines(Csv).Length);
    }

    [Fact]
    public void A_write_of_unknown_outcome_and_rows_never_sent_are_re_planned_and_kept_as_evidence_apart()
    {
        WriteRun(
            Created(2),
            new AuditRecord(3, "u3@contoso.com", MethodKind.Mobile, "x", "+44 7400100003", Outcome.Failed, "OutcomeUnknown", "may have landed"),
            new AuditRecord(4, "u4@contoso.com", MethodKind.Mobile, "x", "+44 7400100004", Outcome.Skipped, "Cancelled", "Not sent"),
            new AuditRecord(5, "u5@contoso.com", MethodKind.Mobile, "x", "+44 7400100005", Outcome.Skipped, "RunAborted", "Not sent"),
            new AuditRecord(6, "u6@contoso.com", MethodKind.Mobile, "x", "+44 7400100006", Outcome.Failed, "Throttled", "gave up"),
            new AuditRecord(7, null, MethodKind.None, null, null, Outcome.Invalid, "MalformedRecord", "bad quote"));

        var contents = AuditJournal.Prepare(_folder, "emulator-url");

        Assert.Equal([2, 6, 7], contents.Kept.Select(k => k.Record.Line));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_folder, AuditJournal.SupersededFile)).Length);
        Assert.Equal(3, File.ReadAllLines(Jsonl).Length);
        var resumed = new ResumedRecords(contents.Kept.Select(k => k.Record));
        var fresh = resumed.Fresh([Created(2), Created(3), Created(2, MethodKind.Office)]);
        Assert.Equal([(3, MethodKind.Mobile), (2, MethodKind.Office)], fresh.Select(r => (r.Line, r.Method)));
    }

    [Fact]
    public void A_secret_the_run_could_not_keep_is_re_planned_and_the_pass_it_sent_counts_as_sent_without_an_answer()
    {
        WriteRun(
            Created(2, MethodKind.TemporaryAccessPass),
            new AuditRecord(3, "u3@contoso.com", MethodKind.TemporaryAccessPass, "true", null, Outcome.Failed, "HandoffUnwritable",
                "issued, not kept; it was revoked"),
            new AuditRecord(4, "u4@contoso.com", MethodKind.TemporaryAccessPass, "true", null, Outcome.Skipped, "HandoffUnwritable", "Not sent"));

        var contents = AuditJournal.Prepare(_folder, "emulator-url");
        var resumed = new ResumedRecords(contents.Kept.Select(k => k.Record), new HashSet<(int, MethodKind)> { (2, MethodKind.TemporaryAccessPass),
            (3, MethodKind.TemporaryAccessPass) });

        Assert.Equal([2], contents.Kept.Select(k => k.Record.Line)); // a problem of the run's disk, not the row's answer
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_folder, AuditJournal.SupersededFile)).Length);
        Assert.False(resumed.SentWithoutAnswer(2, MethodKind.TemporaryAccessPass)); // answered and kept
        Assert.True(resumed.SentWithoutAnswer(3, MethodKind.TemporaryAccessPass)); // issued, its line lost: a pass nobody may know
        Assert.False(resumed.SentWithoutAnswer(4, MethodKind.TemporaryAccessPass)); // never sent
    }

    [Fact]
    public void A_damaged_line_before_the_end_refuses_the_resume_and_leaves_the_audit_as_it_was()
    {
        WriteRun(Created(2), Created(3));
        var lines = File.ReadAllLines(Jsonl);
        File.WriteAllText(Jsonl, lines[0] + "\n{\"line\": oops\n" + lines[1] + "\n");
        var before = File.ReadAllText(Jsonl);

        var e = Assert.Throws<UsageException>(() => AuditJournal.Prepare(_folder, "emulator-url"));

        Assert.Contains("line 2 is not an audit record", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Jsonl));
    }

    [Fact]
    public void Every_field_of_a_record_survives_the_journal()
    {
        var original = new AuditRecord(9, "u@contoso.com", MethodKind.AlternateMobile, "07400 1", "+44 74001", Outcome.Updated, "E", "M", "W")
        {
            HttpStatus = 200, GraphError = "G", RequestId = "R", Attempts = 3, DurationMs = 12345678901, ClientRequestId = "C", Previous = "+44 1",
        };
        WriteRun(original);

        Assert.Equal(original, AuditJournal.Read(Jsonl).Kept.Single().Record);
    }
}
