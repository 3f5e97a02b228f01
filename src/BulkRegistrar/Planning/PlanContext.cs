using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

/// <summary>
/// One user's plan while the <see cref="Planner"/> builds it: what each method's description reads (the file's wishes,
/// the tenant's state, the run's rules) and where it puts its decision — a write, or a record settled without one.
/// </summary>
internal sealed class PlanContext(DesiredState desired, CurrentMethods current, ConflictPolicy onConflict, IReadOnlySet<MethodKind> replace)
{
    private readonly List<PlannedOperation> _operations = [];
    private readonly List<AuditRecord> _settled = [];

    public DesiredState Desired => desired;

    public CurrentMethods Current => current;

    /// <summary>--on-conflict: what to do when the tenant holds a different value.</summary>
    public ConflictPolicy OnConflict => onConflict;

    /// <summary>When the plan is made, for a credential that expires (a QR code); null when the planner was given no clock.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The run said --beta: a write Graph serves only under /beta (a hardware OATH token's removal) may be planned.</summary>
    public bool Beta { get; init; }

    public IReadOnlyList<PlannedOperation> Operations => _operations;

    public IReadOnlyList<AuditRecord> Settled => _settled;

    /// <summary>The run asked to replace a credential of this method the user already holds (<c>--replace-tap</c>).</summary>
    public bool Replaces(MethodKind method) => replace.Contains(method);

    public void Write(DesiredMethod want, OperationKind kind, string? value) => _operations.Add(new PlannedOperation(want, kind, value));

    public void Settle(DesiredMethod want, Outcome outcome, string message, string? error = null) =>
        _settled.Add(AuditRecords.Of(desired.User, want, outcome, message, error));

    /// <summary>This plan registers (creates or replaces) the method's value: what a method riding on it may count on.</summary>
    public bool Registers(MethodKind method) =>
        _operations.Any(o => o.Method == method && (o.Kind == OperationKind.Create || o.Kind == OperationKind.Update));
}
