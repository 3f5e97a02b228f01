using System.Text;
using System.Text.Json;
using BulkRegistrar.Audit;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Audit;

public sealed class AuditWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("audit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Jsonl_has_one_camel_case_object_per_record_with_explicit_nulls()
    {
        using (var audit = AuditWriter.Open(_folder, new FakeTimeProvider()))
        {
            audit.Write(new AuditRecord(2, "a@contoso.com", MethodKind.AlternateMobile, "07400 123456", "+44 7400123456", Outcome.Valid));
            audit.Write(new AuditRecord(3, null, MethodKind.None, null, null, Outcome.Invalid, "MalformedRecord", "fix the quote"));
        }

        var lines = File.ReadAllLines(Path.Combine(_folder, "audit.jsonl"));
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var r = first.RootElement;
        Assert.Equal(2, r.GetProperty("line").GetInt32());
        Assert.Equal("alternateMobile", r.GetProperty("method").GetString());
        Assert.Equal("+44 7400123456", r.GetProperty("normalized").GetString());
        Assert.Equal("Valid", r.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("httpStatus").ValueKind);
        Assert.Contains("\"+44 7400123456\"", lines[0], StringComparison.Ordinal);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("none", second.RootElement.GetProperty("method").GetString());
        Assert.Equal("MalformedRecord", second.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Csv_starts_with_a_bom_keeps_phone_numbers_and_neutralises_formulas()
    {
        using (var audit = AuditWriter.Open(_folder, new FakeTimeProvider()))
        {
            audit.Write(new AuditRecord(2, "=cmd|' /C calc'!A0", MethodKind.Mobile, "+44 7911 123456", "+44 7911123456", Outcome.Invalid,
                "InvalidUser", "fix"));
        }

        var bytes = File.ReadAllBytes(Path.Combine(_folder, "audit.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("line,user,method,input,normalized,outcome,error,message,warning,httpStatus", rows[0], StringComparison.Ordinal);
        Assert.Contains("'=cmd|' /C calc'!A0", rows[1], StringComparison.Ordinal);
        Assert.Contains(",+44 7911123456,", rows[1], StringComparison.Ordinal);
        Assert.DoesNotContain("'+44 7911123456", rows[1], StringComparison.Ordinal);
        // The raw cell is not in Graph form, so it gets the same protection as any other "+…" cell.
        Assert.Contains(",'+44 7911 123456,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Records_reach_the_disk_within_the_flush_interval_while_the_run_goes_on()
    {
        var time = new FakeTimeProvider();
        using var audit = AuditWriter.Open(_folder, time);
        audit.Write(new AuditRecord(2, "a@contoso.com", MethodKind.Mobile, "x", null, Outcome.Invalid, "InvalidNumber"));
        time.Advance(AuditWriter.FlushInterval);
        audit.Write(new AuditRecord(3, "b@contoso.com", MethodKind.Mobile, "y", null, Outcome.Invalid, "InvalidNumber"));

        using var reader = new FileStream(Path.Combine(_folder, "audit.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        Assert.Equal(2, text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, audit.Tally.Records);
        Assert.Equal(2, audit.Tally.Errors["InvalidNumber"]);
    }
}
