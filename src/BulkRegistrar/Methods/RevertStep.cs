using BulkRegistrar.Audit;

namespace BulkRegistrar.Methods;

/// <summary>
/// What undoing one change does. <see cref="Delete"/>, <see cref="Restore"/> and <see cref="Recreate"/> undo every value
/// method's changes; a method with writes of its own (SMS sign-in on and off) defines its undo in its description.
/// </summary>
/// <param name="Describe">What the step does, as it reads after "Would" and "Reverted:".</param>
/// <param name="NeedsPrevious">It puts back the value before the run, so an audit without <c>previous</c> cannot be undone.</param>
/// <param name="RecordsPrevious">Its record's <c>normalized</c> is that previous value (not so for a switch turned back).</param>
internal sealed record UndoKind(string Describe, Outcome Done, Outcome WouldBe, bool NeedsPrevious, bool RecordsPrevious = true)
{
    /// <summary>The run created the method: delete it.</summary>
    public static UndoKind Delete { get; } = new("remove the method the run registered", Outcome.Deleted, Outcome.WouldDelete, NeedsPrevious: false);

    /// <summary>The run replaced a value: set the previous one back.</summary>
    public static UndoKind Restore { get; } = new("set the value the run replaced back", Outcome.Updated, Outcome.WouldUpdate, NeedsPrevious: true);

    /// <summary>The run removed the method: create it again with the previous value.</summary>
    public static UndoKind Recreate { get; } = new("register again the method the run removed", Outcome.Created, Outcome.WouldCreate, NeedsPrevious: true);
}

/// <summary>
/// Undoing one change of an apply run, from one audit record. <see cref="RunValue"/> is what the run left
/// in the tenant (the record's <c>normalized</c>); if the tenant no longer holds it, the method was changed
/// again since and the step is a <c>Conflict</c>. <see cref="Previous"/> is what goes back.
/// </summary>
/// <param name="Order">Where the step comes among the user's (the method's description decides, as Graph needs: SMS sign-in off
/// before its mobile goes, alternate before mobile when removing, mobile before alternate when creating, SMS sign-in on last).</param>
internal sealed record RevertStep(int Line, string User, MethodKind Method, UndoKind Kind, string? RunValue, string? Previous, int Order)
{
    /// <summary>Why this change cannot be undone (a passkey the user registered, a pass, revoked sessions): revert says so and sends nothing.</summary>
    public string? Unrestorable { get; init; }

    /// <summary>The id of what the run created (the record's <c>issuedId</c>), for a method whose value says less than its id.</summary>
    public string? IssuedId { get; init; }

    /// <summary>An audit record for this step (line, user and method of the original record).</summary>
    public AuditRecord Record(Outcome outcome, string message, string? error = null) =>
        AuditRecords.Of(Line, User, Method, RunValue, Kind.RecordsPrevious ? Previous : null, outcome, message, error);
}
