using System.Text.Json;
using BulkRegistrar.Audit;

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
        if (!File.Exists(audit))
        {
            throw new UsageException($"'{runFolder}' is not a run folder (it has no summary.json and audit.jsonl).");
        }

        if (!File.Exists(summary))
        {
            // Killed, or stopped by a full disk: writes may have landed that its audit does not hold yet (only its intents do).
            throw new UsageException($"The run in '{runFolder}' did not finish (it has no summary.json), so its audit may not hold every change it made; finish it with apply --resume {runFolder}, then revert it.");
        }

        try
        {
            return Read(runFolder, summary, audit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The run folder '{runFolder}' cannot be read ({IoReason.Of(e)}).");
        }
    }

    private static Plan Read(string runFolder, string summary, string audit)
    {
        using (var doc = Parse(summary, File.ReadAllText(summary), null))
        {
            var root = doc.RootElement;
            var mode = root.TryGetProperty("mode", out var m) ? m.GetString() : null;
            if (mode != "apply")
            {
                throw new UsageException($"'{runFolder}' is a {mode ?? "unknown"} run; only an apply run changed the tenant, so only an apply run can be reverted.");
            }

            if (root.TryGetProperty("abortCause", out var cause) && cause.ValueKind == JsonValueKind.String && cause.GetString() == EvidenceUnwritable)
            {
                throw new UsageException($"The run in '{runFolder}' stopped because its evidence could not be written, so its audit may not hold every change it made; finish it with apply --resume {runFolder}, then revert it.");
            }
        }

        var users = new Dictionary<string, List<RevertStep>>(StringComparer.OrdinalIgnoreCase);
        var settled = new List<AuditRecord>();
        long changes = 0;
        var seen = new HashSet<(int, MethodKind)>();
        var number = 0;
        foreach (var line in File.ReadLines(audit))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue; // a blank line (an editor's last newline) holds no record
            }

            using var doc = Parse(audit, line, number);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("line", out var l) || l.ValueKind != JsonValueKind.Number || !l.TryGetInt32(out _))
            {
                throw Damaged(audit, number);
            }
            var outcome = Str(r, "outcome");
            if (outcome is not ("Created" or "Updated" or "Deleted") || Str(r, "user") is not { } user)
            {
                continue;
            }

            var method = Method(Str(r, "method"));
            if (!seen.Add((r.GetProperty("line").GetInt32(), method)))
            {
                continue; // the same change recorded twice (an audit appended twice): it is undone, and counted, once
            }

            if (method is MethodKind.TemporaryAccessPass or MethodKind.Password)
            {
                continue; // passes and passwords are never reverted: the old secret cannot be restored
            }

            changes++;
            var step = Step(r.GetProperty("line").GetInt32(), user, method, outcome, Str(r, "normalized"), Str(r, "previous"));
            if (step.Kind is not UndoKind.Delete and not UndoKind.DisableSms and not UndoKind.EnableSms && step.Previous is null)
            {
                settled.Add(step.Record(Outcome.Skipped, "Not reverted: the audit does not record the value before the run (it was written before apply recorded previous values).", NoPreviousValue));
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

    private const string EvidenceUnwritable = "evidenceUnwritable";

    private static JsonDocument Parse(string path, string text, int? line)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw Damaged(path, line);
        }
    }

    /// <summary>A summary or audit line that is no JSON record (torn, edited): what the run changed cannot be read from it.</summary>
    private static UsageException Damaged(string path, int? line) =>
        new($"{Path.GetFileName(path)}{(line is { } n ? $" line {n}" : "")} in '{Path.GetDirectoryName(path)}' is not a record of the run (edited or damaged), so what the run changed cannot be read from it; restore the file from a backup.");

    private static RevertStep Step(int line, string user, MethodKind method, string outcome, string? value, string? previous)
    {
        if (method == MethodKind.SmsSignIn)
        {
            // The run's SMS record says what it did: normalized is "enable" or "disable".
            return new RevertStep(line, user, method, SmsSignInNames.Parse(value) == SmsSignIn.Disable ? UndoKind.EnableSms : UndoKind.DisableSms, value, previous);
        }

        return outcome switch
        {
            "Created" => new RevertStep(line, user, method, UndoKind.Delete, value, previous),
            "Updated" => new RevertStep(line, user, method, UndoKind.Restore, value, previous),
            _ => new RevertStep(line, user, method, UndoKind.Recreate, value, previous),
        };
    }

    private static MethodKind Method(string? name) =>
        MethodNames.TryParse(name, out var m) ? m : MethodKind.None;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
