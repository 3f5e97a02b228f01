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
}
