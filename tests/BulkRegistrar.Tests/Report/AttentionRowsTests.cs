using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Report;
using BulkRegistrar.Tests.Cli;
using Spectre.Console.Testing;

namespace BulkRegistrar.Tests.Report;

/// <summary>
/// report.html's table of rows that need attention, built as the run writes its audit instead of read back from
/// audit.jsonl at the end: the same page either way, and the read-back whenever the file holds more or less than the run wrote.
/// </summary>
public sealed class AttentionRowsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("attention-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ReportPath => Path.Combine(_folder, HtmlReport.FileName);

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "it's \"quoted\" & <b>bold</b>", "bell\u0007 nul\u0000 esc\u001b line\u2028sep",
        "bidi \u202Egnp.exe", "emoji 📱 and ＋４４", "lone \uD800 surrogate", "x\",\"outcome\":\"Valid",
    ];

    [Fact]
    public void The_page_a_run_builds_as_it_writes_is_byte_for_byte_the_page_a_read_back_of_its_audit_builds()
    {
        var records = new List<AuditRecord>();
        for (var i = 0; i < AttentionRows.MaxShown + 1500; i++)
        {
            // Valid rows between the ones that need a look; more of those than the table shows; a new error code after the table is
            // full (its example must still be found); hostile text in every field the table shows; one record written twice.
            records.Add(new AuditRecord(i + 2, $"user{i}@contoso.com", MethodKind.Mobile, "+44 7911123456", "+44 7911123456", Outcome.Valid));
            var text = Hostile[i % Hostile.Length];
            var code = i < AttentionRows.MaxShown + 1000 ? $"Code{i % 7}" : "LateCode";
            records.Add(new AuditRecord(i + 2, text, MethodKind.Office, text, null, i % 3 == 0 ? Outcome.Failed : Outcome.Invalid, code,
                $"{text}: registered +44 7911999888 for p.person@example.org") { HttpStatus = i % 3 == 0 ? 503 : null, RequestId = text });
        }

        records.Add(records[3]);
        var report = Run(report => report.Watch(AuditWriter.Open(_folder, TimeProvider.System)), records);
        var built = File.ReadAllBytes(ReportPath);

        Assert.Null(report.SummaryNotWritten);
        Assert.Null(HtmlReport.Write(_folder)); // the read-back, as for any run folder
        Assert.Equal(File.ReadAllBytes(ReportPath), built);
        var html = File.ReadAllText(ReportPath);
        Assert.Contains("\"total\":6500", html, StringComparison.Ordinal);
        Assert.Contains("LateCode", html, StringComparison.Ordinal);
        Assert.DoesNotContain("7911999888", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_wrote_its_whole_audit_builds_the_table_from_what_it_wrote_without_reading_the_audit_back()
    {
        Run(report => report.Watch(AuditWriter.Open(_folder, TimeProvider.System)), [Invalid(2), Invalid(3)],
            beforeFinish: () => File.WriteAllText(Path.Combine(_folder, "audit.jsonl"), "")); // a read-back would find no row

        Assert.Contains("\"total\":2", File.ReadAllText(ReportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_resumed_run_reads_the_audit_back_since_the_file_also_holds_the_interrupted_runs_records()
    {
        using (var first = AuditWriter.Open(_folder, TimeProvider.System))
        {
            first.Write(Invalid(2)); // the interrupted run's
        }

        Run(report => report.Watch(AuditWriter.Append(_folder, TimeProvider.System, null, [Invalid(2)])), [Invalid(3)]);

        Assert.Contains("\"total\":2", File.ReadAllText(ReportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_tells_only_records_that_need_attention_and_only_once_its_files_took_them()
    {
        var seen = new List<int>();
        var audit = new AuditWriter(TimeProvider.System, new RefusingFormatter(refuseFrom: 4)) { AttentionWritten = r => seen.Add(r.Line) };

        audit.Write(Invalid(2));
        audit.Write(new AuditRecord(3, "a@contoso.com", MethodKind.Mobile, "+44 7911123456", "+44 7911123456", Outcome.Created));
        audit.Write(Invalid(4)); // the file refuses it: a full disk
        audit.Write(Invalid(5));

        Assert.Equal([2], seen);
        Assert.False(audit.WroteWholeAudit);
    }

    private RunReport Run(Func<RunReport, AuditWriter> open, IEnumerable<AuditRecord> records, Action? beforeFinish = null)
    {
        var report = new RunReport(ValidateRunContext.In(_folder, new TestConsole().Width(400), new CollectingLog().Logger));
        using var audit = open(report);
        foreach (var record in records)
        {
            audit.Write(record);
        }

        audit.Flush();
        beforeFinish?.Invoke();
        report.Finish("none (dry run)", audit, 10, new RunInput("a.csv", 1, null, null, null), ExitCodes.RowsNeedAttention);
        return report;
    }

    private static AuditRecord Invalid(int line) =>
        new(line, $"user{line}@contoso.com", MethodKind.Mobile, "07911", null, Outcome.Invalid, "InvalidNumber", "Too short to be a number.");

    private sealed class RefusingFormatter(int refuseFrom) : IAuditFormatter
    {
        public string Path => "audit.jsonl";

        public void Write(AuditRecord record)
        {
            if (record.Line >= refuseFrom)
            {
                throw new IOException("No space left on device");
            }
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
