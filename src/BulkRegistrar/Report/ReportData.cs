using System.Globalization;
using System.Text.Json;
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

    private static readonly HashSet<string> Fine = new(StringComparer.Ordinal)
    {
        "Valid", "Created", "Updated", "Deleted", "Unchanged", "WouldCreate", "WouldUpdate", "WouldDelete",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FineLookup = Fine.GetAlternateLookup<ReadOnlySpan<char>>();

    public static JsonObject Load(string runFolder)
    {
        using var summaryDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json")));
        var s = summaryDoc.RootElement;
        var exit = (int)(Int(s, "exitCode") ?? ExitCodes.CannotProcess);
        var started = s.TryGetProperty("startedAt", out var st) && st.TryGetDateTimeOffset(out var at) ? at : (DateTimeOffset?)null;
        var duration = Int(s, "durationMs") ?? 0;
        var input = s.TryGetProperty("input", out var i) ? i : default;

        var data = new JsonObject
        {
            ["mode"] = Str(s, "mode"),
            ["target"] = Str(s, "target"),
            ["toolVersion"] = Str(s, "toolVersion"),
            ["file"] = Str(input, "file"),
            ["bytes"] = Int(input, "bytes"),
            ["sha256"] = Str(input, "sha256"),
            ["encoding"] = Str(input, "encoding"),
            ["delimiter"] = Str(input, "delimiter"),
            ["startedAt"] = started?.ToString("u", CultureInfo.InvariantCulture),
            ["endedAt"] = started?.AddMilliseconds(duration).ToString("u", CultureInfo.InvariantCulture),
            ["durationMs"] = duration,
            ["rowsRead"] = Int(s, "rowsRead"),
            ["records"] = Int(s, "records"),
            ["exitCode"] = exit,
            ["exitMeaning"] = ExitMeaning(exit),
            ["abortReason"] = Masking.Text(Str(s, "abortReason")),
            ["outcomes"] = Counts(s, "outcomes"),
            ["graph"] = s.TryGetProperty("graph", out var g) ? JsonNode.Parse(g.GetRawText()) : null,
        };

        var (rows, total, examples) = Attention(Path.Combine(runFolder, "audit.jsonl"));
        data["attention"] = new JsonObject { ["total"] = total, ["shown"] = rows.Count, ["rows"] = rows };
        var errors = new JsonArray();
        if (s.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject().OrderByDescending(p => p.Value.GetInt64()).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                errors.Add(new JsonObject
                {
                    ["code"] = p.Name,
                    ["count"] = p.Value.GetInt64(),
                    ["advice"] = ErrorAdvice.For(p.Name) ?? examples.GetValueOrDefault(p.Name) ?? "See the message column of audit.csv.",
                });
            }
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

    private static (JsonArray Rows, long Total, Dictionary<string, string> Examples) Attention(string auditPath)
    {
        var rows = new JsonArray();
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        long total = 0;
        var seen = new HashSet<(long?, string?)>();
        if (!File.Exists(auditPath))
        {
            return (rows, 0, examples);
        }

        using var reader = new StreamReader(new FileStream(auditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || IsFine(line) || Parse(line) is not { } doc)
            {
                continue;
            }

            using (doc)
            {
                var r = doc.RootElement;
                var outcome = Str(r, "outcome") ?? "";
                if (Fine.Contains(outcome))
                {
                    continue;
                }

                if (!seen.Add((Int(r, "line"), Str(r, "method"))))
                {
                    continue; // a record appended twice is one row that needs a look, not two
                }

                total++;
                var message = Masking.Text(Str(r, "message"));
                if (Str(r, "error") is { } code && message is not null)
                {
                    examples.TryAdd(code, message);
                }

                if (rows.Count < MaxAttentionRows)
                {
                    rows.Add(Row(r, outcome, message));
                }
            }
        }

        return (rows, total, examples);
    }

    /// <summary>
    /// Most records of a big run are fine; deciding that from the text saves parsing them (a million-row
    /// validate would otherwise spend seconds here). Safe because a string value cannot contain the raw
    /// <c>"outcome":"</c> — its quotes are always escaped.
    /// </summary>
    private static bool IsFine(string line)
    {
        const string key = "\"outcome\":\"";
        var at = line.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var start = at + key.Length;
        var end = line.IndexOf('"', start);
        return end > start && FineLookup.Contains(line.AsSpan(start, end - start));
    }

    private static JsonObject Row(JsonElement r, string outcome, string? message)
    {
        var method = Str(r, "method") ?? "none";
        return new JsonObject
        {
            ["line"] = Int(r, "line"),
            ["user"] = Str(r, "user"),
            ["method"] = method,
            ["input"] = MaskInput(method, Str(r, "input")),
            ["outcome"] = outcome,
            ["error"] = Str(r, "error"),
            ["message"] = message,
            ["httpStatus"] = Int(r, "httpStatus"),
            ["requestId"] = Str(r, "requestId"),
        };
    }

    private static string? MaskInput(string method, string? input) => MethodNames.TryParse(method, out var m)
        ? Masking.ForDisplay(m, input)
        : input is null ? null : Validation.PhoneMask.Mask(input); // an unknown method: masked as a phone, never shown in full

    private static JsonDocument? Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null; // a torn last line of a run that died: the report shows what was written whole
        }
    }

    private static JsonObject Counts(JsonElement s, string name)
    {
        var o = new JsonObject();
        if (s.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                o[p.Name] = p.Value.GetInt64();
            }
        }

        return o;
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static long? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
