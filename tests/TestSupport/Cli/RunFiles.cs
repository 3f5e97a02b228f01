using System.Text.Json;

namespace TestSupport;

/// <summary>Reads what a run wrote into its run folder.</summary>
public static class RunFiles
{
    public static List<JsonElement> Audit(string runFolder) =>
        File.ReadLines(Path.Combine(runFolder, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static JsonElement Summary(string runFolder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "summary.json"))).RootElement.Clone();
}

/// <summary>The audit.jsonl fields the tests read most.</summary>
public static class AuditExtensions
{
    public static string Outcome(this JsonElement record) => record.GetProperty("outcome").GetString()!;

    public static string Method(this JsonElement record) => record.GetProperty("method").GetString()!;

    public static int Line(this JsonElement record) => record.GetProperty("line").GetInt32();

    public static string? Error(this JsonElement record) => record.GetProperty("error").GetString();

    /// <summary>
    /// What a create on an empty tenant may end as: <c>Created</c>, or — written first, its first answer lost, the re-read
    /// showing it — <c>Unchanged</c> with a message that does not claim it (nothing was read before it).
    /// </summary>
    public static bool IsCreatedOrUnclaimed(this JsonElement record) => record.Outcome() == "Created"
        || (record.Outcome() == "Unchanged" && record.GetProperty("message").GetString()!.Contains("not claimed as this run's", StringComparison.Ordinal));
}
