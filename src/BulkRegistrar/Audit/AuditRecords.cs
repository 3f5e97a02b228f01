using BulkRegistrar.Validation;

namespace BulkRegistrar.Audit;

/// <summary>
/// The one place audit records are built. Every stage decides an outcome and a sentence; this turns the decision into
/// the record, so a field means the same whichever stage made it: validation's verdict on a cell, a decision about a
/// desired method (settled by reading, not attempted, not found…), a write's answer, and what a call adds (Graph's
/// status, request ids, attempts, duration). Only the journal reader that parses <c>audit.jsonl</c> back makes records
/// elsewhere. It takes what the stages above decided through the small interfaces Audit declares for them
/// (<see cref="IRecordSubject"/>, <see cref="IWriteResult"/>, <see cref="ICallEvidence"/>, <see cref="ICallAnswer"/>), so it names none of them.
/// </summary>
internal static class AuditRecords
{
    /// <summary>Every cell of a judged row, as validation judged it (validate writes them all).</summary>
    public static IEnumerable<AuditRecord> Of(JudgedRow judged) => judged.Cells.Select(Of);

    public static IReadOnlyList<AuditRecord> Of(IReadOnlyList<JudgedCell> cells) => cells.Count == 0 ? [] : [.. cells.Select(Of)];

    /// <summary>Validation's verdict on a cell: <see cref="Outcome.Valid"/>, <see cref="Outcome.Invalid"/> or <see cref="Outcome.Skipped"/>.</summary>
    public static AuditRecord Of(JudgedCell cell)
    {
        var c = cell.Check;
        var outcome = c.IsValid ? Outcome.Valid : c.Skipped ? Outcome.Skipped : Outcome.Invalid;
        return Of(cell.Line, cell.User, c.Method, c.Input, c.Normalized, outcome, c.Message, c.Error, c.Warning);
    }

    /// <summary>A decision about a method the file wants for <paramref name="user"/>; a <c>Conflict</c> is error <c>Conflict</c> unless told.</summary>
    public static AuditRecord Of(string user, IRecordSubject want, Outcome outcome, string message, string? error = null) =>
        Of(want.Line, user, want.Method, want.Input, want.Value, outcome, message, error, want.Warning);

    /// <summary>A record of one line's method, field by field (revert's steps, which come from an audit, not a row).</summary>
    public static AuditRecord Of(int line, string? user, MethodKind method, string? input, string? normalized, Outcome outcome, string? message,
        string? error = null, string? warning = null) =>
        new(line, user, method, input, normalized, outcome, error ?? (outcome == Outcome.Conflict ? ErrorCodes.Conflict : null), message, warning);

    /// <summary>
    /// A record about a user or a line as a whole, of no method (status: a user's onboarding verdict, a line that names no usable
    /// user or repeats one); <paramref name="input"/> is what the line held.
    /// </summary>
    public static AuditRecord OfUser(int line, string? user, string? input, string? normalized, Outcome outcome, string? error, string? message,
        string? warning = null) =>
        new(line, user, MethodKind.None, input, normalized, outcome, error, message, warning);

    /// <summary>A planned write as it ended, with what it replaced (<paramref name="previous"/>, for revert).</summary>
    public static AuditRecord Written(string user, IRecordSubject want, IWriteResult result, string? previous) =>
        Of(user, want, result.Outcome, result.Message, result.Error).Answered(result.Evidence) with
        {
            GraphError = result.GraphError,
            HttpStatus = result.HideStatus ? null : Status(result.Evidence.Answer),
            Previous = previous,
            IssuedId = result.IssuedId,
        };

    /// <summary>
    /// What the call a record rests on adds: Graph's status (none when no answer came), its request ids, attempts and duration —
    /// and, for a call that failed, Graph's error code (<paramref name="refused"/>).
    /// </summary>
    public static AuditRecord Answered(this AuditRecord record, ICallEvidence call, bool refused = false) => record with
    {
        HttpStatus = Status(call.Answer),
        GraphError = refused ? call.Answer.ErrorCode : record.GraphError,
        RequestId = call.Answer.RequestId,
        ClientRequestId = call.Answer.ClientRequestId,
        Attempts = call.Attempts,
        DurationMs = (long)call.Duration.TotalMilliseconds,
    };

    /// <summary>A decision made on a read alone names the read's request ids, unless it has a call of its own.</summary>
    public static AuditRecord RestingOn(this AuditRecord record, ICallAnswer read) =>
        record.RequestId is null ? record with { RequestId = read.RequestId, ClientRequestId = read.ClientRequestId } : record;

    /// <summary>A record whose success a later check took back (--verify did not find the write).</summary>
    public static AuditRecord Refuted(this AuditRecord record, string error, string message) =>
        record with { Outcome = Outcome.Failed, Error = error, Message = message };

    /// <summary>The record with a sentence added to its message.</summary>
    public static AuditRecord Noted(this AuditRecord record, string note) => record with { Message = record.Message + note };

    private static int? Status(ICallAnswer answer) => answer.Status == 0 ? null : answer.Status;
}
