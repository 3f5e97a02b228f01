using BulkRegistrar.Audit;
using BulkRegistrar.Planning;

namespace BulkRegistrar.Resume;

/// <summary>
/// The pipeline's view of a resumed run: which (line, method) pairs the journal already settled. A user all
/// of whose pairs are settled is not read against Graph again; any other user goes through the normal
/// pipeline, and only the records for pairs not yet settled reach the audit, so each pair is there once.
/// </summary>
internal sealed class ResumedRecords(IEnumerable<AuditRecord> kept)
{
    private readonly HashSet<(int Line, MethodKind Method)> _settled = [.. kept.Select(r => (r.Line, r.Method))];

    public int Count => _settled.Count;

    /// <summary>True when every (line, method) the user's rows produce already has a terminal record.</summary>
    public bool Done(UserWork user) =>
        user.Settled.All(c => _settled.Contains((c.Line, c.Check.Method)))
        && (user.Desired?.Methods.All(m => _settled.Contains((m.Line, m.Method))) ?? true)
        && user.PendingRegions.All(p => _settled.Contains((p.Method.Line, p.Method.Method)));

    /// <summary>The records not already in the journal.</summary>
    public IReadOnlyList<AuditRecord> Fresh(IReadOnlyList<AuditRecord> records) =>
        records.All(r => !Settled(r)) ? records : [.. records.Where(r => !Settled(r))];

    private bool Settled(AuditRecord r) => _settled.Contains((r.Line, r.Method));
}
