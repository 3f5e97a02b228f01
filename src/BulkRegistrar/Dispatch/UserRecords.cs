using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The records of one user's desired methods as they are decided, so that whatever happens —
/// user not found, a failed read, an abort mid-way — every method ends with exactly one record.
/// </summary>
internal sealed class UserRecords(DesiredState desired, IReadOnlyList<PendingRegion> pending)
{
    private readonly List<AuditRecord> _records = [];
    private readonly HashSet<(int Line, MethodKind Method, string? Item)> _done = [];
    private IReadOnlyList<DesiredMethod> _methods = [.. desired.Methods, .. pending.Select(p => p.Method)];

    public IReadOnlyList<AuditRecord> All => Note is null ? _records : [.. _records.Select(r => r.Noted(Note))];

    /// <summary>A sentence every record of the user ends with (the user appeared only after Dispatch:NewUserWindow's waits).</summary>
    public string? Note { get; set; }

    /// <summary>The method of this line already has its record.</summary>
    public bool Has(int line, MethodKind method) => _done.Contains(Key(line, method, null));

    public void Add(AuditRecord record)
    {
        if (_done.Add(Key(record.Line, record.Method, record.Normalized)))
        {
            _records.Add(record);
        }
    }

    /// <summary>Replaces the record of the same line and method (--verify found the write missing).</summary>
    public void Replace(AuditRecord record)
    {
        var key = Key(record.Line, record.Method, record.Normalized);
        var i = _records.FindIndex(r => Key(r.Line, r.Method, r.Normalized) == key);
        if (i >= 0)
        {
            _records[i] = record;
        }
    }

    public void AddRange(IEnumerable<AuditRecord> records)
    {
        foreach (var r in records)
        {
            Add(r);
        }
    }

    /// <summary>Gives every method without a record this outcome (with the failed call's answer, when there was one).</summary>
    public void SettleRest(Outcome outcome, string error, string message, ExecutedCall? executed = null)
    {
        var text = executed?.Result.Error.Message;
        var said = text is null || outcome == Outcome.NotFound ? message : $"{message} {CallResult.Said(executed!.Result)}";
        foreach (var m in _methods.Where(m => !_done.Contains(Key(m.Line, m.Method, m.Value))).ToList())
        {
            var record = AuditRecords.Of(desired.User, m, outcome, said, error);
            Add(executed is null ? record : record.Answered(executed, refused: true));
        }
    }

    /// <summary>
    /// One record per line and method; a method whose one wish makes several writes (reregister: a deletion per method held) has one
    /// per item as well, which its record's <c>normalized</c> names.
    /// </summary>
    private static (int, MethodKind, string?) Key(int line, MethodKind method, string? item) =>
        (line, method, Methods.AuthMethods.Find(method)?.RecordPerWrite == true ? item : null);

    public void SettleRest(UserFailure failure) => SettleRest(failure.Outcome, failure.Error, failure.Message, failure.Call);

    /// <summary>
    /// The user was found and the cells that waited for its usageLocation were judged: the records of those that still
    /// could not be used, and from here on the methods still owed a record are those of <paramref name="resolved"/>.
    /// </summary>
    public void Resolved(DesiredState resolved, IReadOnlyList<JudgedCell> unusable)
    {
        AddRange(AuditRecords.Of(unusable));
        _methods = [.. resolved.Methods, .. pending.Select(p => p.Method)];
    }
}
