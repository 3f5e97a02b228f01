using System.Globalization;
using System.Text.Json.Nodes;
using BulkRegistrar.Audit;

using BulkRegistrar.Privacy;

namespace BulkRegistrar.Report;

/// <summary>
/// Everything report.html shows, read back from the run folder's files (summary.json, audit.jsonl,
/// timeline.jsonl) rather than from the run's objects: the report depends only on the files' documented
/// shape, so it can be regenerated for any run folder and is untouched by how the pipeline is built. The one
/// exception is a shortcut, not a second source: a run that wrote its whole audit file hands over the rows that need
/// attention as it wrote them (<see cref="AttentionRows"/>), the same page a read-back makes.
/// Numbers and e-mails are masked here, exactly as on the console, before anything reaches the page.
/// </summary>
internal static class ReportData
{
    /// <param name="attention">The run's own rows that need attention, when it wrote the whole audit file itself
    /// (<see cref="AuditWriter.AttentionWritten"/>); null reads them back from audit.jsonl.</param>
    public static JsonObject Load(string runFolder, AttentionRows? attention = null)
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

        attention ??= AttentionRows.Read(AuditFile.In(runFolder));
        var examples = attention.Examples;
        data["attention"] = new JsonObject { ["total"] = attention.Total, ["shown"] = attention.Rows.Count, ["rows"] = attention.Rows };
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
