using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BulkRegistrar.Audit;
using BulkRegistrar.Planning;

namespace BulkRegistrar.State;

/// <summary>
/// The pipeline's two steps around per-user dispatch. Before: a user whose desired state hashes the same as
/// the one last applied successfully, less than State:MaxAge ago, is <c>Unchanged</c>/<c>UnchangedSinceLastRun</c>
/// without a Graph call. After: a user whose every method ended in its desired state is remembered.
/// A user whose rows wait for the tenant's usageLocation, or any failure, is never remembered.
/// </summary>
internal sealed class IncrementalState(StateStore store, bool full, bool record, TimeSpan maxAge, ConflictPolicy policy, TimeProvider time)
{
    public const string UnchangedSinceLastRun = "UnchangedSinceLastRun";

    private long _skipped;

    public long Skipped => Interlocked.Read(ref _skipped);

    /// <returns>The user's records when the store proves nothing changed; null when the user must go to Graph.</returns>
    public IReadOnlyList<AuditRecord>? Unchanged(UserWork user)
    {
        // A reregister is an act, not a state: the user may have registered again since, and the file asks for that to go too.
        if (full || user.Desired is not { } d || user.PendingRegions.Count > 0 || d.Methods.Any(m => m.Action == Validation.RowAction.Reregister)
            || store.Find(Key(d)) is not { } known
            || known.Hash != Hash(d) || time.GetUtcNow() - known.AppliedAt >= maxAge)
        {
            return null;
        }

        Interlocked.Increment(ref _skipped);
        var when = known.AppliedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var message = $"Same as applied on {when}; not read from Graph this time (checked again after {maxAge.TotalDays:0.#} days, or with --full).";
        return [.. d.Methods.Select(m => AuditRecords.Of(d.User, m, Outcome.Unchanged, message, UnchangedSinceLastRun))];
    }

    /// <summary>After the user's records are final: remembered only when every method reached its desired state.</summary>
    public void Recorded(UserWork user, IReadOnlyList<AuditRecord> records)
    {
        if (!record || user.Desired is not { } d || user.PendingRegions.Count > 0 || records.Count == 0
            || !records.All(r => r.Outcome is Outcome.Created or Outcome.Updated or Outcome.Deleted or Outcome.Unchanged))
        {
            return;
        }

        store.Record(Key(d), Hash(d), time.GetUtcNow());
    }

    /// <summary>Commits what this run remembered; before summary.json, so a store that refuses is in the summary and the exit code.</summary>
    /// <exception cref="RunProblemException">The store could not be written.</exception>
    public void Save() => store.Flush();

    private static string Key(DesiredState d) => Validation.UserKey.Of(d.User);

    /// <summary>What apply would aim for: the methods (sorted, so row order does not matter) and the conflict policy.</summary>
    internal string Hash(DesiredState d)
    {
        var text = new StringBuilder(policy.ToString());
        foreach (var m in d.Methods.OrderBy(m => m.Method).ThenBy(m => m.Action).ThenBy(m => m.Value, StringComparer.Ordinal))
        {
            text.Append('\n').Append(m.Method).Append('|').Append(m.Action).Append('|').Append(m.Value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
