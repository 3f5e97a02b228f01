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

    private readonly HashSet<(int Line, MethodKind Method, string? Item)> _settled = [.. kept.Select(r => Key(r.Line, r.Method, r.Normalized))];
    private readonly HashSet<(int Line, MethodKind Method)> _answered = [.. kept.Select(r => (r.Line, r.Method))];
    private HashSet<(int Line, MethodKind Method)>? _unanswered;

    public int Count => _settled.Count;

    /// <summary>Writes the interrupted run sent whose answer the audit does not hold.</summary>
    public int Unanswered => UnansweredPairs.Count;

    private HashSet<(int Line, MethodKind Method)> UnansweredPairs =>
        _unanswered ??= [.. (intents ?? new HashSet<(int, MethodKind)>()).Where(p => !_answered.Contains(p))];

    /// <summary>The interrupted run sent this write (intents.jsonl) and the journal holds no answer for it.</summary>
    public bool SentWithoutAnswer(int line, MethodKind method) => UnansweredPairs.Contains((line, method));

    /// <summary>True when every (line, method) the user's rows produce already has a terminal record.</summary>
    public bool Done(UserWork user) =>
        user.Settled.All(c => _settled.Contains(Key(c.Line, c.Check.Method, c.Check.Normalized)))
        && (user.Desired?.Methods.All(m => _settled.Contains(Key(m.Line, m.Method, m.Value))) ?? true)
        && user.PendingRegions.All(p => _settled.Contains(Key(p.Method.Line, p.Method.Method, null)));

    /// <summary>The records not already in the journal.</summary>
    /// <remarks>A write of unknown fate found in place is Unchanged with a message saying it may be the interrupted run's: not claimed, never
    /// Created.</remarks>
    public IReadOnlyList<AuditRecord> Fresh(IReadOnlyList<AuditRecord> records) =>
        records.All(r => !Settled(r) && !MayBeTheRunsOwn(r)) ? records
            : [.. records.Where(r => !Settled(r)).Select(r => MayBeTheRunsOwn(r) ? r.Noted(MayBeOurs) : r)];

    private bool MayBeTheRunsOwn(AuditRecord r) => r.Outcome == Outcome.Unchanged && UnansweredPairs.Contains((r.Line, r.Method));

    private bool Settled(AuditRecord r) => _settled.Contains(Key(r.Line, r.Method, r.Normalized));

    /// <summary>
    /// A line's method is settled once; a method whose one wish makes several writes (reregister: a deletion per method held) is settled
    /// per item, so a resumed reregistration re-reads the user and deletes what is left, and those records are kept.
    /// </summary>
    private static (int, MethodKind, string?) Key(int line, MethodKind method, string? item) =>
        (line, method, MethodRegistry<IPlanRules>.Find(method)?.RecordPerWrite == true ? item : null);
}
