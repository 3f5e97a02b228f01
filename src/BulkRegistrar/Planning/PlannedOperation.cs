using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

internal enum OperationKind
{
    Create,
    Update,
    Delete,
    EnableSmsSignIn,
    DisableSmsSignIn,
    IssueTap,
    ResetPassword,
}

/// <summary>One write the planner decided on, for the audit record of <see cref="For"/>.</summary>
internal sealed record PlannedOperation(DesiredMethod For, OperationKind Kind, string? Value)
{
    public MethodKind Method => For.Method;

    /// <summary>The outcome this operation has in plan mode.</summary>
    public Outcome WouldBe => Kind switch
    {
        OperationKind.Create => Outcome.WouldCreate,
        OperationKind.Delete => Outcome.WouldDelete,
        OperationKind.IssueTap => Outcome.WouldIssueTap,
        _ => Outcome.WouldUpdate,
    };

    /// <summary>The outcome when the write succeeded.</summary>
    public Outcome Done => Kind switch
    {
        OperationKind.Create or OperationKind.IssueTap => Outcome.Created,
        OperationKind.Delete => Outcome.Deleted,
        _ => Outcome.Updated,
    };
}

/// <summary>
/// A user's plan: the writes in the order Graph needs them, and the records already settled by
/// reading (<c>Unchanged</c>, <c>Conflict</c>).
/// </summary>
internal sealed record UserPlan(string User, string ObjectId, IReadOnlyList<PlannedOperation> Operations, IReadOnlyList<AuditRecord> Settled);
