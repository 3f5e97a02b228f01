using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkRegistrar.Audit;

/// <summary><c>summary.json</c>: what a scheduler, a dashboard or a person reads first.</summary>
internal sealed record RunSummary(
    string Mode,
    string Target,
    string ToolVersion,
    RunInput Input,
    long RowsRead,
    long Records,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyDictionary<string, long> Errors,
    DateTimeOffset StartedAt,
    long DurationMs,
    double RowsPerSecond,
    int ExitCode,
    string? AbortReason = null)
{
    public GraphStatistics? Graph { get; init; }

    /// <summary>Why the run stopped early, as a stable name a scheduler can branch on (<c>cannotConnect</c>, <c>credentialRejected</c>…);
    /// <see cref="AbortReason"/> is the sentence.</summary>
    public string? AbortCause { get; init; }

    /// <summary>status: the onboarding verdicts (null for every other verb).</summary>
    public StatusSummary? Status { get; init; }

    /// <summary>What the run warned of before it started (e.g. little free space on the run folder's disk); null when nothing.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void WriteTo(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>summary.json's <c>status</c>: what counted as onboarding done, how many users are complete and pending, and — for a run
/// folder — what became of the passes that run issued (<c>used</c>, <c>unused</c>, <c>usable</c>, <c>expired</c>, <c>replaced</c>…).</summary>
internal sealed record StatusSummary(IReadOnlyList<string> StrongMethods, long Complete, long Pending, IReadOnlyDictionary<string, long>? Passes);

/// <summary>The input file as it was when the run read it (name, size, SHA-256, encoding, delimiter).</summary>
/// <param name="Lines">The physical lines of the file (CR, LF and CR LF each end one).</param>
/// <param name="UnreadLines">The lines that are in no audit record because reading stopped (a file-level
/// problem); empty when every line was read.</param>
/// <param name="Preamble">The lines above the header a known tool writes there (<c>sep=</c>, <c>version:v1.0</c>, <c>#TYPE</c>); null when none.</param>
/// <param name="Columns">Every column of the header and what it became (a <c>Csv:Columns</c> field, or null with the note why not).</param>
internal sealed record RunInput(string File, long Bytes, string? Sha256, string? Encoding, string? Delimiter,
    long? Lines = null, IReadOnlyList<LineRange>? UnreadLines = null,
    IReadOnlyList<Reading.PreambleLine>? Preamble = null, IReadOnlyList<Reading.ColumnUse>? Columns = null);

/// <summary>Physical lines <see cref="From"/> to <see cref="To"/>, both included.</summary>
internal sealed record LineRange(long From, long To);
