using System.Globalization;
using System.Text.Json.Nodes;
using BulkRegistrar.Audit;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Report;

/// <summary>
/// Everything report.html shows, read back from the run folder's files (summary.json, audit.jsonl,
/// timeline.jsonl) rather than from the run's objects: the report depends only on the files' documented
/// shape, so it can be regenerated for any run folder and is untouched by how the pipeline is built.
/// Numbers and e-mails are masked here, exactly as on the console, before anything reaches the page.
/// </summary>
internal static class ReportData
{
    /// <summary>Rows needing attention shown in the table; the rest are in audit.csv (a browser table of 10⁶ rows helps no one).</summary>
    public const int MaxAttentionRows = 5000;

    public static JsonObject Load(string runFolder)
    {
        var s = SummaryFile.Read(runFolder) ?? throw new IOException($"{SummaryFile.In(runFolder)} is missing or cannot be read.");
        var exit = s.ExitCode ?? ExitCodes.CannotProcess;
        var duration = s.DurationMs ?? 0;

        var data = new JsonObject
        {
            ["mode"] = s.Mode,
            ["target"] = s.Target,
            ["toolVersion"] = s.ToolVersion,
            ["file"] = s.Input.File,
            ["bytes"] = s.Input.Bytes,
            ["sha256"] = s.Input.Sha256,
            ["encoding"] = s.Input.Encoding,
            ["delimiter"] = s.Input.Delimiter,
            ["startedAt"] = s.StartedAt?.ToString("u", CultureInfo.InvariantCulture),
            ["endedAt"] = s.StartedAt?.AddMilliseconds(duration).ToString("u", CultureInfo.InvariantCulture),
            ["durationMs"] = duration,
            ["rowsRead"] = s.RowsRead,
            ["records"] = s.Records,
            ["exitCode"] = exit,
            ["exitMeaning"] = s.Mode == "status" ? StatusMeaning(exit) : ExitMeaning(exit),
            ["abortReason"] = Masking.Text(s.AbortReason),
            ["outcomes"] = Counts(s.Outcomes),
            ["graph"] = s.Graph is { } g ? JsonNode.Parse(g.GetRawText()) : null,
        };

        var (rows, total, examples) = Attention(AuditFile.In(runFolder));
        data["attention"] = new JsonObject { ["total"] = total, ["shown"] = rows.Count, ["rows"] = rows };
        var errors = new JsonArray();
        foreach (var (code, count) in s.Errors.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            errors.Add(new JsonObject
            {
                ["code"] = code,
                ["count"] = count,
                ["advice"] = ErrorAdvice.For(code) ?? examples.GetValueOrDefault(code) ?? "See the message column of audit.csv.",
            });
        }

        data["errors"] = errors;
        data["timeline"] = Timeline.Read(Path.Combine(runFolder, Timeline.FileName));
        return data;
    }

    public static string ExitMeaning(int exit) => exit switch
    {
        ExitCodes.Success => "Every row is valid or reached its desired state.",
        ExitCodes.RowsNeedAttention => "The file was processed, but some rows need a look: they are listed below.",
        _ => "Nothing could be processed, or the run was aborted or cancelled: see the reason and run.log.",
    };

    private static string StatusMeaning(int exit) => exit switch
    {
        ExitCodes.Success => "Every user has finished onboarding: each holds a strong method.",
        ExitCodes.RowsNeedAttention => "Some users are pending, or could not be checked: they are listed below.",
        _ => "Nothing could be checked, or the run was aborted or cancelled: see the reason and run.log.",
    };

    /// <remarks>
    /// Only records that need attention are parsed: the reader decides the rest from their text (a million-row validate
    /// would otherwise spend seconds here). A line that is not a record (a torn last line of a run that died) is left
    /// out: the report shows what was written whole.
    /// </remarks>
    private static (JsonArray Rows, long Total, Dictionary<string, string> Examples) Attention(string auditPath)
    {
        var rows = new JsonArray();
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        long total = 0;
        var seen = new HashSet<(int, MethodKind)>();
        if (!File.Exists(auditPath))
        {
            return (rows, 0, examples);
        }

        using var audit = AuditFile.Open(auditPath);
        foreach (var line in audit.Lines(OutcomeKinds.NeedsAttention))
        {
            if (line.Record is not { } r || !seen.Add((r.Line, r.Method)))
            {
                continue; // not a record, or a record appended twice: one row that needs a look, not two
            }

            total++;
            if (rows.Count >= MaxAttentionRows && (r.Error is not { } known || examples.ContainsKey(known)))
            {
                continue; // counted; neither shown nor a new example, so its message need not be masked (a regex, 10⁵ times)
            }

            var message = Masking.Text(r.Message);
            if (r.Error is { } code && message is not null)
            {
                examples.TryAdd(code, message);
            }

            if (rows.Count < MaxAttentionRows)
            {
                rows.Add(Row(r, message));
            }
        }

        return (rows, total, examples);
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

    private static JsonObject Counts(IReadOnlyDictionary<string, long> counts)
    {
        var o = new JsonObject();
        foreach (var (name, count) in counts)
        {
            o[name] = count;
        }

        return o;
    }
}
