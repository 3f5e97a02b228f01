using System.Text;
using BulkRegistrar.Audit;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Audit;

/// <summary>The one reader of audit.jsonl that resume, revert and the report share: what the writer wrote comes back as it was.</summary>
public sealed class AuditFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("auditfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Path => AuditFile.In(_folder);

    private void WriteRun(params AuditRecord[] records)
    {
        using var audit = AuditWriter.Open(_folder, new FakeTimeProvider(), "emulator");
        foreach (var r in records)
        {
            audit.Write(r);
        }
    }

    private List<AuditLine> Read(Func<Outcome, bool>? wanted = null, bool tornTail = false)
    {
        using var file = AuditFile.Open(Path);
        return [.. file.Lines(wanted, withJson: true, tornTail: tornTail)];
    }

    private static AuditRecord Record(int line, Outcome outcome, string? user = "a@contoso.com") =>
        new(line, user, MethodKind.Mobile, "07400 100001", "+44 7400100001", outcome);

    [Fact]
    public void Every_field_the_writer_writes_comes_back_as_it_was()
    {
        var full = new AuditRecord(7, "rtl\u202Eevil@contoso.com", MethodKind.SmsSignIn, "tab\there \"quoted\"", "enable", Outcome.Failed,
            "GraphError", "Graph said \u2028 no", "a warning")
        {
            HttpStatus = 409, GraphError = "conflict", RequestId = "r-1", Attempts = 3, DurationMs = 12_345_678_901,
            ClientRequestId = "c-1", Previous = "notEnabled",
        };
        var sparse = new AuditRecord(8, null, MethodKind.None, null, null, Outcome.Invalid);
        WriteRun(full, sparse);

        Assert.Equal([full, sparse], Read().Select(l => l.Record));
    }

    [Fact]
    public void Lines_of_outcomes_not_wanted_are_left_out_and_a_value_that_imitates_the_outcome_key_does_not_hide_a_record()
    {
        WriteRun(Record(2, Outcome.Valid), Record(3, Outcome.Invalid, "x\",\"outcome\":\"Valid"), Record(4, Outcome.Created), Record(5, Outcome.Failed));

        var lines = Read(OutcomeKinds.NeedsAttention);

        Assert.Equal([(2, 3), (4, 5)], lines.Select(l => (l.Number, l.Record!.Line)));
    }

    [Fact]
    public void A_line_longer_than_the_read_buffer_is_read_whole()
    {
        var message = new string('m', 300_000);
        WriteRun(Record(2, Outcome.Valid), Record(3, Outcome.Invalid) with { Message = message }, Record(4, Outcome.Valid));

        var lines = Read();

        Assert.Equal([2, 3, 4], lines.Select(l => l.Record!.Line));
        Assert.Equal(message, lines[1].Record!.Message);
    }

    [Fact]
    public void A_line_that_is_not_a_record_is_given_with_its_number_and_no_record()
    {
        WriteRun(Record(2, Outcome.Valid));
        File.AppendAllText(Path, """

            {"line":3,"method":"fax","outcome":"Valid"}
            not json
            {"line":"4","method":"mobile","outcome":"Valid"}

            """);

        var lines = Read();

        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.Number)); // the empty line is not counted
        Assert.Equal([true, false, false, false], lines.Select(l => l.Record is not null));
        Assert.Equal("not json", lines[2].Json);
    }

    [Fact]
    public void A_torn_tail_is_left_out_and_counted_for_the_journal_and_read_as_a_last_line_otherwise()
    {
        WriteRun(Record(2, Outcome.Created));
        File.AppendAllText(Path, "{\"line\":3,\"method\":\"mobile\",\"outcome\":\"Created\"}"); // a whole record whose newline was lost

        using (var journal = AuditFile.Open(Path))
        {
            Assert.Single(journal.Lines(tornTail: true));
            Assert.Equal(48, journal.TornBytes);
        }

        Assert.Equal([2, 3], Read().Select(l => l.Record!.Line));
    }

    [Fact]
    public void A_byte_order_mark_an_editor_added_does_not_make_the_first_line_unreadable()
    {
        WriteRun(Record(2, Outcome.Valid));
        File.WriteAllBytes(Path, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(Path)]);

        Assert.Equal(2, Assert.Single(Read()).Record!.Line);
    }
}
