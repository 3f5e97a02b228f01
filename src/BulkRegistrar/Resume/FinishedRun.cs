using System.Text.Json;

namespace BulkRegistrar.Resume;

/// <summary>
/// A run folder whose <c>summary.json</c> says the run reached its end (no abort cause, not cancelled) is finished:
/// its audit and summary are the run's evidence, and a resume would rewrite that summary. Refused, and nothing in
/// the folder is touched (the check runs before the folder is opened for the run).
/// </summary>
internal static class FinishedRun
{
    /// <exception cref="UsageException">The run finished.</exception>
    public static void Refuse(string runFolder)
    {
        var path = Path.Combine(runFolder, "summary.json");
        if (!File.Exists(path))
        {
            return; // killed before its end: the journal is all there is, which is what resume is for
        }

        string? cause;
        string? reason;
        int? exit;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            cause = Str(root, "abortCause");
            reason = Str(root, "abortReason");
            exit = root.TryGetProperty("exitCode", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return; // a summary torn by a full disk or a kill says nothing: the journal decides
        }

        // Same test as the inbox's (InboxCommand.UnfinishedRun): aborted or cancelled runs are resumable.
        if (cause is null && reason?.StartsWith("Cancelled", StringComparison.Ordinal) != true)
        {
            throw new UsageException($"--resume: the run in '{runFolder}' finished (summary.json, exit code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}), so there is nothing to resume and its evidence is left as it is; run apply on the file again for a new run.");
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
