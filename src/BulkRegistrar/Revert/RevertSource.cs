using BulkRegistrar.Audit;
using BulkRegistrar.Validation;
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

    /// <exception cref="UsageException">Not the folder of an apply run, or its audit is damaged.</exception>
    public static Plan Read(string runFolder)
    {
        var audit = AuditFile.In(runFolder);
        if (!File.Exists(audit))
        {
            throw new UsageException($"'{runFolder}' is not a run folder (it has no audit.jsonl).");
        }

        if (!File.Exists(SummaryFile.In(runFolder)))
        {
            // Killed, or stopped by a full disk: writes may have landed that its audit does not hold yet (only its intents do).
            throw new UsageException($"The run in '{runFolder}' did not finish (it has no summary.json), so its audit may not hold every change it "
                + $"made; finish it with apply --resume {runFolder}, then revert it.");
        }

        try
        {
            return Read(runFolder, audit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The run folder '{runFolder}' cannot be read ({IoReason.Of(e)}).");
        }
    }

    private static Plan Read(string runFolder, string audit)
    {
        var summary = SummaryFile.Read(runFolder) ?? throw new UsageException(
            $"summary.json in '{runFolder}' is not a record of the run (edited or damaged), so what the run changed cannot be read from it; restore "
                + "the file from a backup.");
        if (summary.Mode != "apply")
        {
            throw new UsageException($"'{runFolder}' is a {summary.Mode ?? "unknown"} run; only an apply run changed the tenant, so only an apply run "
                + "can be reverted.");
        }

        if (summary.AbortCause == EvidenceUnwritable)
        {
            throw new UsageException($"The run in '{runFolder}' stopped because its evidence could not be written, so its audit may not hold every "
                + $"change it made; finish it with apply --resume {runFolder}, then revert it.");
        }

        var users = new Dictionary<string, List<RevertStep>>(StringComparer.OrdinalIgnoreCase);
        var settled = new List<AuditRecord>();
        long changes = 0;
        var seen = new HashSet<(int, MethodKind, string?)>();
        using var file = AuditFile.Open(audit);
        foreach (var line in file.Lines(o => o is Outcome.Created or Outcome.Updated or Outcome.Deleted))
        {
            var r = line.Record ?? throw new UsageException(
                $"audit.jsonl line {line.Number} in '{runFolder}' is not a record of the run (edited or damaged), so what the run changed cannot be "
                    + "read from it; restore the file from a backup.");
            if (r.User is not { } user || !seen.Add((r.Line, r.Method, r.Normalized)))
            {
                continue; // the same change recorded twice (an audit appended twice): it is undone, and counted, once
            }

            // A method that has no undo (a pass, a password: the old secret cannot be restored) is never reverted.
            if (AuthMethods.Find(r.Method)?.Undo(r.Line, user, r.Outcome, r.Normalized, r.Previous, r.IssuedId) is not { } step)
            {
                continue;
            }

            changes++;
            if (step.Unrestorable is { } why)
            {
                settled.Add(step.Record(Outcome.Skipped, why, ErrorCodes.NotRestorable));
                continue;
            }

            if (step.Kind.NeedsPrevious && step.Previous is null)
            {
                settled.Add(step.Record(Outcome.Skipped, "Not reverted: the audit does not record the value before the run (it was written before apply "
                    + "recorded previous values).", NoPreviousValue));
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
}
