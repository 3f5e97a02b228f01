using System.Text.Json;
using System.Text.RegularExpressions;
using BulkRegistrar.Report;

namespace BulkRegistrar.Tests.Report;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Escaped as the audit writer escapes (relaxed: quotes as \", not \u0022).
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "\"</script><img src=x onerror=alert(2)>",
        "it's \"quoted\" & <b>bold</b>",
        "bell\u0007 nul\u0000 esc\u001b line\u2028sep",
        "{/*DATA*/} /*CHARTJS*/ <!-- -->",
        "x\",\"outcome\":\"Valid", // must not pass for a fine record and drop out of the table
    ];

    [Fact]
    public void Hostile_cells_reach_the_page_only_as_escaped_json_and_come_back_unchanged()
    {
        WriteRun(Hostile.Select((h, i) => Record(i + 2, h, "none", null, "Invalid", "InvalidUser", h)));

        Assert.Null(HtmlReport.Write(_folder));

        var html = File.ReadAllText(Path.Combine(_folder, HtmlReport.FileName));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0000', html);
        Assert.DoesNotContain('\u001b', html);
        // Exactly the page's own three script elements: no cell opened or closed one.
        Assert.Equal(3, ScriptOpen().Count(html));
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));

        var rows = Island(html).GetProperty("attention").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Hostile, rows.Select(r => r.GetProperty("user").GetString()));
        Assert.Equal(Hostile, rows.Select(r => r.GetProperty("message").GetString()));
    }

    [Fact]
    public void A_record_appended_twice_to_the_audit_is_one_row_that_needs_attention_not_two()
    {
        var failed = Record(2, "a@contoso.com", "mobile", "+44 7911123456", "Failed", "GraphError", "Graph refused the change.");
        WriteRun([failed, Record(3, "b@contoso.com", "mobile", "+44 7911123457", "Failed", "GraphError", "Graph refused the change."), failed]);

        Assert.Null(HtmlReport.Write(_folder));

        var attention = Island(File.ReadAllText(Path.Combine(_folder, HtmlReport.FileName))).GetProperty("attention");
        Assert.Equal(2, attention.GetProperty("total").GetInt64());
        Assert.Equal([2, 3], attention.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Phone_numbers_and_emails_in_the_table_are_masked_as_on_the_console()
    {
        WriteRun(
        [
            Record(2, "a@contoso.com", "mobile", "+44 7911123456", "Conflict", "Conflict", "Registered +44 7911999888 was kept."),
            Record(3, "b@contoso.com", "email", "private.person@example.org", "Invalid", "InvalidEmail", "Give one plain e-mail address."),
        ]);

        Assert.Null(HtmlReport.Write(_folder));

        var html = File.ReadAllText(Path.Combine(_folder, HtmlReport.FileName));
        Assert.DoesNotContain("7911123456", html, StringComparison.Ordinal);
        Assert.DoesNotContain("7911999888", html, StringComparison.Ordinal);
        Assert.DoesNotContain("private.person", html, StringComparison.Ordinal);
        var rows = Island(html).GetProperty("attention").GetProperty("rows");
        Assert.Equal("+44 79** ***456", rows[0].GetProperty("input").GetString());
        Assert.Equal("p***@example.org", rows[1].GetProperty("input").GetString());
    }

    [Fact]
    public void Errors_carry_their_count_and_what_to_do_and_rows_that_are_fine_stay_out_of_the_table()
    {
        WriteRun(
        [
            Record(2, "a@contoso.com", "mobile", "+44 7911123456", "Created", null, null),
            Record(3, "sam.unknown@contoso.com", "mobile", "+44 7911123457", "NotFound", "NotFound", "No such user."),
        ], errors: """{ "NotFound": 1 }""");

        Assert.Null(HtmlReport.Write(_folder));

        var data = Island(File.ReadAllText(Path.Combine(_folder, HtmlReport.FileName)));
        var error = Assert.Single(data.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("count").GetInt64());
        Assert.Contains("create the user", error.GetProperty("advice").GetString(), StringComparison.Ordinal);
        Assert.Equal("sam.unknown@contoso.com",
            Assert.Single(data.GetProperty("attention").GetProperty("rows").EnumerateArray()).GetProperty("user").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("timeline").ValueKind);
    }

    [Fact]
    public void A_plans_passes_to_issue_are_fine_and_stay_out_of_the_table_like_its_other_would_be_changes()
    {
        WriteRun(
        [
            Record(2, "a@contoso.com", "temporaryAccessPass", null, "WouldIssueTap", null, "A Temporary Access Pass would be issued."),
            Record(2, "a@contoso.com", "mobile", "+44 7911123456", "WouldCreate", null, null),
            Record(3, "b@contoso.com", "mobile", "+44 7911123457", "Conflict", "Conflict", "Registered +44 7911999888 was kept."),
        ]);

        Assert.Null(HtmlReport.Write(_folder));

        var attention = Island(File.ReadAllText(Path.Combine(_folder, HtmlReport.FileName))).GetProperty("attention");
        Assert.Equal(1, attention.GetProperty("total").GetInt64());
        Assert.Equal(3, Assert.Single(attention.GetProperty("rows").EnumerateArray()).GetProperty("line").GetInt32());
    }

    [Fact]
    public void A_run_folder_without_a_summary_gets_a_reason_instead_of_a_crash()
    {
        Assert.Contains("report.html was not written", HtmlReport.Write(_folder), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, HtmlReport.FileName)));
    }

    private void WriteRun(IEnumerable<string> audit, string errors = "{}")
    {
        File.WriteAllLines(Path.Combine(_folder, "audit.jsonl"), audit);
        File.WriteAllText(Path.Combine(_folder, "summary.json"), $$"""
            { "mode": "validate", "target": "none (dry run)", "toolVersion": "0.1.0",
              "input": { "file": "x.csv", "bytes": 10, "sha256": "ab", "encoding": "utf-8", "delimiter": "," },
              "rowsRead": 5, "records": 5, "outcomes": { "Invalid": 5 }, "errors": {{errors}},
              "startedAt": "2026-01-02T03:04:05+00:00", "durationMs": 1500, "rowsPerSecond": 3.3, "exitCode": 1 }
            """);
    }

    private static string Record(int line, string user, string method, string? input, string outcome, string? error, string? message) =>
        JsonSerializer.Serialize(new { line, user, method, input, normalized = (string?)null, outcome, error, message }, RelaxedJson);

    private static JsonElement Island(string html)
    {
        const string open = "<script type=\"application/json\" id=\"report-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonDocument.Parse(html[start..end]).RootElement.Clone();
    }

    [GeneratedRegex("<script[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOpen();
}
