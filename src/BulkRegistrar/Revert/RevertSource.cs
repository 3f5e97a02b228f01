using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Methods;

namespace BulkRegistrar.Revert;

/// <summary>
/// Reads an apply run's folder into the steps that undo it, grouped per user in Graph's order. Only
/// what the run changed counts (<c>Created</c>, <c>Updated</c>, <c>Deleted</c>); an update or removal
/// whose audit has no <c>previous</c> (a run from before apply recorded it) cannot be undone and is
/// reported <c>Skipped</c>/<c>NoPreviousValue</c>. Passwords and Temporary Access Passes are never
/// changed by apply, so there is nothing of them to revert.
/// </summary>
internal static class RevertSource
{
    public const string NoPreviousValue = nameof(NoPreviousValue);

    public sealed record Plan(IReadOnlyList<IReadOnlyList<RevertStep>> Users, IReadOnlyList<AuditRecord> Settled, long Changes);

    /// <exception cref="UsageException">Not the folder of an apply run.</exception>
    public static Plan Read(string runFolder)
    {
        var summary = Path.Combine(runFolder, "summary.json");
        var audit = Path.Combine(runFolder, "audit.jsonl");
        if (!File.Exists(summary) || !File.Exists(audit))
        {
            throw new UsageException($"'{runFolder}' is not a run folder (it has no summary.json and audit.jsonl).");
        }

        using (var doc = JsonDocument.Parse(File.ReadAllText(summary)))
        {
            var mode = doc.RootElement.TryGetProperty("mode", out var m) ? m.GetString() : null;
            if (mode != "apply")
            {
                throw new UsageException($"'{runFolder}' is a {mode ?? "unknown"} run; only an apply run changed the tenant, so only an apply run can be reverted.");
            }
        }

        var users = new Dictionary<string, List<RevertStep>>(StringComparer.OrdinalIgnoreCase);
        var settled = new List<AuditRecord>();
        long changes = 0;
        var seen = new HashSet<(int, MethodKind)>();
        foreach (var line in File.ReadLines(audit))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var outcome = Str(r, "outcome");
            if (outcome is not ("Created" or "Updated" or "Deleted") || Str(r, "user") is not { } user)
            {
                continue;
            }

            if (!MethodNames.TryParse(Str(r, "method"), out var method) || !seen.Add((r.GetProperty("line").GetInt32(), method)))
            {
                continue; // the same change recorded twice (an audit appended twice): it is undone, and counted, once
            }

            // A method that has no undo (a pass, a password: the old secret cannot be restored) is never reverted.
            if (AuthMethods.Find(method)?.Undo(r.GetProperty("line").GetInt32(), user, outcome, Str(r, "normalized"), Str(r, "previous")) is not { } step)
            {
                continue;
            }

            changes++;
            if (step.Kind.NeedsPrevious && step.Previous is null)
            {
                settled.Add(step.Record(Outcome.Skipped,
                    "Not reverted: the audit does not record the value before the run (it was written before apply recorded previous values).",
                    NoPreviousValue));
                continue;
            }

            if (!users.TryGetValue(user, out var list))
            {
                users[user] = list = [];
            }

            list.Add(step);
        }

        return new Plan([.. users.Values.Select(l => (IReadOnlyList<RevertStep>)[.. l.OrderBy(s => s.Order)])], settled, changes);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
