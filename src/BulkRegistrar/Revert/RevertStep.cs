using BulkRegistrar.Audit;

namespace BulkRegistrar.Revert;

internal enum UndoKind
{
    /// <summary>The run created the method: delete it.</summary>
    Delete,

    /// <summary>The run replaced a value: set the previous one back.</summary>
    Restore,

    /// <summary>The run removed the method: create it again with the previous value.</summary>
    Recreate,

    /// <summary>The run enabled SMS sign-in: disable it.</summary>
    DisableSms,

    /// <summary>The run disabled SMS sign-in: enable it.</summary>
    EnableSms,
}

/// <summary>
/// Undoing one change of an apply run, from one audit record. <see cref="RunValue"/> is what the run left
/// in the tenant (the record's <c>normalized</c>); if the tenant no longer holds it, the method was changed
/// again since and the step is a <c>Conflict</c>. <see cref="Previous"/> is what goes back.
/// </summary>
internal sealed record RevertStep(int Line, string User, MethodKind Method, UndoKind Kind, string? RunValue, string? Previous)
{
    /// <summary>
    /// The order Graph needs within a user: SMS sign-in off before its mobile goes, alternate before mobile
    /// when removing, mobile before alternate when creating, SMS sign-in on after its mobile exists.
    /// </summary>
    public int Order => Kind switch
    {
        UndoKind.DisableSms => 0,
        UndoKind.Delete => 10 + Method switch { MethodKind.AlternateMobile => 0, MethodKind.Mobile => 3, _ => 1 },
        UndoKind.Restore => 20,
        UndoKind.Recreate => 30 + Method switch { MethodKind.Mobile => 0, MethodKind.AlternateMobile => 1, _ => 2 },
        _ => 40,
    };

    public Outcome Done => Kind switch
    {
        UndoKind.Delete => Outcome.Deleted,
        UndoKind.Recreate => Outcome.Created,
        _ => Outcome.Updated,
    };

    public Outcome WouldBe => Kind switch
    {
        UndoKind.Delete => Outcome.WouldDelete,
        UndoKind.Recreate => Outcome.WouldCreate,
        _ => Outcome.WouldUpdate,
    };

    public string Describe => Kind switch
    {
        UndoKind.Delete => "remove the method the run registered",
        UndoKind.Restore => "set the value the run replaced back",
        UndoKind.Recreate => "register again the method the run removed",
        UndoKind.DisableSms => "disable the SMS sign-in the run enabled",
        _ => "enable again the SMS sign-in the run disabled",
    };

    /// <summary>An audit record for this step (line, user and method of the original record).</summary>
    public AuditRecord Record(Outcome outcome, string message, string? error = null) =>
        new(Line, User, Method, RunValue, Kind is UndoKind.DisableSms or UndoKind.EnableSms ? null : Previous, outcome,
            error ?? (outcome == Outcome.Conflict ? "Conflict" : null), message);
}
