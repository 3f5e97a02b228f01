using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

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

    /// <summary>Numbers written without a country code, and no region in the row or on the command line: use the user's usageLocation.</summary>
    public DesiredState ResolveRegions(DesiredState state, string? usageLocation, PhoneNormalizer phones)
    {
        if (pending.Count == 0)
        {
            return state;
        }

        var methods = state.Methods.ToList();
        foreach (var p in pending)
        {
            if (usageLocation is null)
            {
                var unresolved = ValidationRecords.Of(p.Cell);
                Add(unresolved with { Message = unresolved.Message + " The user has no usageLocation in Entra ID either." });
                continue;
            }

            var result = phones.Normalize(p.Method.Input!, usageLocation, p.Method.Method);
            if (result.IsValid)
            {
                methods.Add(p.Method with { Value = result.Value, Warning = result.Warning });
            }
            else
            {
                Add(ValidationRecords.Of(p.Cell) with { Normalized = null, Error = result.Error, Message = $"{result.Message} (Region {usageLocation} is the user's usageLocation.)" });
            }
        }

        _methods = [.. methods, .. pending.Select(p => p.Method)];
        return state with { Methods = methods };
    }
}
