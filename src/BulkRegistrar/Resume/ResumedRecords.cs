using BulkRegistrar.Audit;
using BulkRegistrar.Planning;

namespace BulkRegistrar.Resume;

/// <summary>
/// The pipeline's view of a resumed run: which (line, method) pairs the journal already settled. A user all
/// of whose pairs are settled is not read against Graph again; any other user goes through the normal
/// pipeline, and only the records for pairs not yet settled reach the audit, so each pair is there once.
/// </summary>
/// <param name="intents">The (line, method) pairs of the interrupted run's write-ahead journal: those without a kept record were
/// sent without a recorded answer, so they may have landed (re-read, never simply re-sent, and not claimed when found).</param>
internal sealed class ResumedRecords(IEnumerable<AuditRecord> kept, IReadOnlySet<(int Line, MethodKind Method)>? intents = null)
{
    public const string MayBeOurs = " The interrupted run had sent this write (intents.jsonl) without its answer reaching the audit, so this may be "
        + "that run's own write.";

    private readonly HashSet<(int Line, MethodKind Method)> _settled = [.. kept.Select(r => (r.Line, r.Method))];
    private HashSet<(int Line, MethodKind Method)>? _unanswered;

    public int Count => _settled.Count;

    /// <summary>Writes the interrupted run sent whose answer the audit does not hold.</summary>
    public int Unanswered => UnansweredPairs.Count;

    private HashSet<(int Line, MethodKind Method)> UnansweredPairs =>
        _unanswered ??= [.. (intents ?? new HashSet<(int, MethodKind)>()).Where(p => !_settled.Contains(p))];

    /// <summary>The interrupted run sent this write (intents.jsonl) and the journal holds no answer for it.</summary>
    public bool SentWithoutAnswer(int line, MethodKind method) => UnansweredPairs.Contains((line, method));

    /// <summary>True when every (line, method) the user's rows produce already has a terminal record.</summary>
    public bool Done(UserWork user) =>
        user.Settled.All(c => _settled.Contains((c.Line, c.Check.Method)))
        && (user.Desired?.Methods.All(m => _settled.Contains((m.Line, m.Method))) ?? true)
        && user.PendingRegions.All(p => _settled.Contains((p.Method.Line, p.Method.Method)));

    /// <summary>The records not already in the journal.</summary>
    /// <remarks>A write of unknown fate found in place is Unchanged with a message saying it may be the interrupted run's: not claimed, never
    /// Created.</remarks>
    public IReadOnlyList<AuditRecord> Fresh(IReadOnlyList<AuditRecord> records) =>
        records.All(r => !Settled(r) && !MayBeTheRunsOwn(r)) ? records
            : [.. records.Where(r => !Settled(r)).Select(r => MayBeTheRunsOwn(r) ? r.Noted(MayBeOurs) : r)];

    private bool MayBeTheRunsOwn(AuditRecord r) => r.Outcome == Outcome.Unchanged && UnansweredPairs.Contains((r.Line, r.Method));

    private bool Settled(AuditRecord r) => _settled.Contains((r.Line, r.Method));
}
