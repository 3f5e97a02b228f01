using System.Text.Json.Nodes;
using BulkRegistrar.Audit;
using BulkRegistrar.Privacy;

namespace BulkRegistrar.Report;

/// <summary>
/// report.html's table of rows that need a look: how many there are, the first <see cref="MaxShown"/> (masked as on the
/// console), and one message per error code for codes without written advice. Filled either by reading audit.jsonl back
/// (<see cref="Read"/>, any run folder) or, record by record, by the <see cref="AuditWriter"/> of a run whose audit file it
/// created (<see cref="AuditWriter.AttentionWritten"/>): the same records in the same order, so the same page, without reading a
/// million-row audit back at the end of the run (0.5–0.7 s of a 6 s validate; docs/benchmarks.md, issue 22).
/// </summary>
internal sealed class AttentionRows
{
    /// <summary>Rows shown in the table; the rest are in audit.csv (a browser table of 10⁶ rows helps no one).</summary>
    public const int MaxShown = 5000;

    private readonly HashSet<(int, MethodKind)> _seen = [];

    public JsonArray Rows { get; } = [];

    public long Total { get; private set; }

    /// <summary>Each error code's first message (masked), the advice for codes <see cref="ErrorAdvice"/> has none for.</summary>
    public Dictionary<string, string> Examples { get; } = new(StringComparer.Ordinal);

    /// <summary>The audit file's records that need attention, in file order; none when there is no file.</summary>
    /// <remarks>
    /// Only records that need attention are parsed: the reader decides the rest from their text (a million-row validate
    /// would otherwise spend seconds here). A line that is not a record (a torn last line of a run that died) is left
    /// out: the report shows what was written whole.
    /// </remarks>
    public static AttentionRows Read(string auditPath)
    {
        var attention = new AttentionRows();
        if (!File.Exists(auditPath))
        {
            return attention;
        }

        using var audit = AuditFile.Open(auditPath);
        foreach (var line in audit.Lines(OutcomeKinds.NeedsAttention))
        {
            if (line.Record is { } r)
            {
                attention.Add(r);
            }
        }

        return attention;
    }

    /// <summary>Takes one record that needs attention (callers filter with <see cref="OutcomeKinds.NeedsAttention"/>).</summary>
    public void Add(AuditRecord r)
    {
        if (!_seen.Add((r.Line, r.Method)))
        {
            return; // a record appended twice: one row that needs a look, not two
        }

        Total++;
        if (Rows.Count >= MaxShown && (r.Error is not { } known || Examples.ContainsKey(known)))
        {
            return; // counted; neither shown nor a new example, so its message need not be masked (a regex, 10⁵ times)
        }

        var message = Masking.Text(r.Message);
        if (r.Error is { } code && message is not null)
        {
            Examples.TryAdd(code, message);
        }

        if (Rows.Count < MaxShown)
        {
            Rows.Add(Row(r, message));
        }
    }

    private static JsonObject Row(AuditRecord r, string? message) => new()
    {
        ["line"] = r.Line,
        ["user"] = r.User,
        ["method"] = AuditNames.Of(r.Method),
        ["input"] = Masking.ForDisplay(r.Method, r.Input),
        ["outcome"] = AuditNames.Of(r.Outcome),
        ["error"] = r.Error,
        ["message"] = message,
        ["httpStatus"] = r.HttpStatus,
        ["requestId"] = r.RequestId,
    };
}
