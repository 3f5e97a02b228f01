using System.Text.Json;

namespace BulkRegistrar.Audit;

/// <summary>
/// <c>summary.json</c> read back (the writing half is <see cref="RunSummary"/>): the one reader that resume, revert,
/// the report and the inbox share. Every field may be missing — a summary of an older version, or one a person edited —
/// so each is null when absent or of another type; a reader decides what a missing field means to it.
/// </summary>
/// <param name="Graph">The <c>graph</c> object as written (the report shows it as it is).</param>
internal sealed record SummaryFile(
    string? Mode,
    string? Target,
    string? ToolVersion,
    SummaryInput Input,
    long? RowsRead,
    long? Records,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyDictionary<string, long> Errors,
    DateTimeOffset? StartedAt,
    long? DurationMs,
    int? ExitCode,
    string? AbortReason,
    string? AbortCause,
    JsonElement? Graph)
{
    public const string Name = "summary.json";

    public static string In(string runFolder) => Path.Combine(runFolder, Name);

    /// <summary>Stopped by Ctrl+C or a signal: the reason RunReport writes for a cancelled run starts so.</summary>
    public bool Cancelled => AbortReason?.StartsWith("Cancelled", StringComparison.Ordinal) == true;

    /// <summary>The run reached its end: neither aborted nor cancelled (resume and the inbox leave such a run as it is).</summary>
    public bool Finished => AbortCause is null && !Cancelled;

    /// <summary>The run folder's summary, or null when there is none or it cannot be read (torn by a kill or a full disk, not JSON).</summary>
    public static SummaryFile? Read(string runFolder)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(In(runFolder)));
            return doc.RootElement.ValueKind == JsonValueKind.Object ? From(doc.RootElement) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static SummaryFile From(JsonElement s)
    {
        var input = s.TryGetProperty("input", out var i) ? i : default;
        return new SummaryFile(
            Str(s, "mode"), Str(s, "target"), Str(s, "toolVersion"),
            new SummaryInput(Str(input, "file"), Long(input, "bytes"), Str(input, "sha256"), Str(input, "encoding"), Str(input, "delimiter")),
            Long(s, "rowsRead"), Long(s, "records"), Counts(s, "outcomes"), Counts(s, "errors"),
            s.TryGetProperty("startedAt", out var st) && st.ValueKind == JsonValueKind.String && st.TryGetDateTimeOffset(out var at) ? at : null,
            Long(s, "durationMs"), Long(s, "exitCode") is { } exit and >= int.MinValue and <= int.MaxValue ? (int)exit : null,
            Str(s, "abortReason"), Str(s, "abortCause"),
            s.TryGetProperty("graph", out var g) && g.ValueKind == JsonValueKind.Object ? g.Clone() : null);
    }

    /// <summary>Name → count, in the file's order; a value that is not a whole number is left out.</summary>
    private static Dictionary<string, long> Counts(JsonElement s, string name)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (s.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var n))
                {
                    counts[p.Name] = n;
                }
            }
        }

        return counts;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}

/// <summary>summary.json's <c>input</c>: the file the run read, as far as the summary says.</summary>
internal sealed record SummaryInput(string? File, long? Bytes, string? Sha256, string? Encoding, string? Delimiter);
