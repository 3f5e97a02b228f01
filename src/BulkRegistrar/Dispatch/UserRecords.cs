using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The records of one user's desired methods as they are decided, so that whatever happens —
/// user not found, a failed read, an abort mid-way — every method ends with exactly one record.
/// </summary>
internal sealed class UserRecords(DesiredState desired, IReadOnlyList<PendingRegion> pending)
{
    private readonly List<AuditRecord> _records = [];
    private readonly HashSet<(int Line, MethodKind Method)> _done = [];
    private IReadOnlyList<DesiredMethod> _methods = [.. desired.Methods, .. pending.Select(p => p.Method)];

    public IReadOnlyList<AuditRecord> All => _records;

    /// <summary>The method of this line already has its record.</summary>
    public bool Has(int line, MethodKind method) => _done.Contains((line, method));

    public void Add(AuditRecord record)
    {
        if (_done.Add((record.Line, record.Method)))
        {
            _records.Add(record);
        }
    }

    /// <summary>Replaces the record of the same line and method (--verify found the write missing).</summary>
    public void Replace(AuditRecord record)
    {
        var i = _records.FindIndex(r => r.Line == record.Line && r.Method == record.Method);
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

    /// <summary>Gives every method without a record this outcome.</summary>
    public void SettleRest(Outcome outcome, string error, string message, ExecutedCall? executed = null)
    {
        foreach (var m in _methods)
        {
            if (_done.Contains((m.Line, m.Method)))
            {
                continue;
            }

            var (code, text) = executed?.Result.Error ?? (null, null);
            Add(new AuditRecord(m.Line, desired.User, m.Method, m.Input, m.Value, outcome, error,
                text is null || outcome == Outcome.NotFound ? message : $"{message} {CallResult.Said(executed!.Result)}", m.Warning)
            {
                HttpStatus = executed?.Result.Status is > 0 and var s ? s : null,
                GraphError = code,
                RequestId = executed?.Result.RequestId,
                ClientRequestId = executed?.Result.ClientRequestId,
                Attempts = executed?.Attempts,
                DurationMs = executed is null ? null : (long)executed.Duration.TotalMilliseconds,
            });
        }
    }

    public void SettleRest(UserFailure failure) => SettleRest(failure.Outcome, failure.Error, failure.Message, failure.Call);

    /// <summary>
    /// The user was found: the records of the pending-region cells the usageLocation could not make valid, and
    /// from here on the methods still owed a record are those of the resolved desired state.
    /// </summary>
    public void Resolved(ResolvedUser user)
    {
        AddRange(user.Settled);
        _methods = [.. user.Desired.Methods, .. pending.Select(p => p.Method)];
    }
}
