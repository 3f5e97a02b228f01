using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

/// <summary>
/// What a planned write does. <see cref="Create"/>, <see cref="Update"/> and <see cref="Delete"/> are every value
/// method's; a method with writes of its own (SMS sign-in on and off, a pass issued) defines them in its description
/// with <see cref="Define"/>. <see cref="Name"/> is what the write-ahead journal records (<c>operation</c>).
/// </summary>
internal sealed class OperationKind
{
    private OperationKind(string name, Outcome wouldBe, Outcome done) => (Name, WouldBe, Done) = (name, wouldBe, done);

    public static OperationKind Create { get; } = new(nameof(Create), Outcome.WouldCreate, Outcome.Created);

    public static OperationKind Update { get; } = new(nameof(Update), Outcome.WouldUpdate, Outcome.Updated);

    public static OperationKind Delete { get; } = new(nameof(Delete), Outcome.WouldDelete, Outcome.Deleted);

    public string Name { get; }

    /// <summary>The outcome this operation has in plan mode.</summary>
    public Outcome WouldBe { get; }

    /// <summary>The outcome when the write succeeded.</summary>
    public Outcome Done { get; }

    /// <summary>A method's own kind of write; one instance per kind, compared by reference.</summary>
    public static OperationKind Define(string name, Outcome wouldBe, Outcome done) => new(name, wouldBe, done);

    public override string ToString() => Name;
}

/// <summary>One write the planner decided on, for the audit record of <see cref="For"/>.</summary>
internal sealed record PlannedOperation(DesiredMethod For, OperationKind Kind, string? Value)
{
    public MethodKind Method => For.Method;

    public Outcome WouldBe => Kind.WouldBe;

    public Outcome Done => Kind.Done;
}

/// <summary>
/// A user's plan: the writes in the order Graph needs them, and the records already settled by
/// reading (<c>Unchanged</c>, <c>Conflict</c>).
/// </summary>
internal sealed record UserPlan(string User, string ObjectId, IReadOnlyList<PlannedOperation> Operations, IReadOnlyList<AuditRecord> Settled);
