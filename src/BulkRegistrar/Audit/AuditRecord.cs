namespace BulkRegistrar.Audit;

/// <summary>
/// One line of the audit: the terminal outcome of one method of one input row. This is the
/// product's contract (audit.jsonl / audit.csv); fields are only ever added.
/// </summary>
internal sealed record AuditRecord(
    int Line,
    string? User,
    MethodKind Method,
    string? Input,
    string? Normalized,
    Outcome Outcome,
    string? Error = null,
    string? Message = null,
    string? Warning = null)
{
    public int? HttpStatus { get; init; }
    public string? GraphError { get; init; }
    public string? RequestId { get; init; }
    public int? Attempts { get; init; }
    public long? DurationMs { get; init; }

    /// <summary>The <c>client-request-id</c> we sent with the <c>$batch</c> that carried the call (Graph echoes it; support asks for it).</summary>
    public string? ClientRequestId { get; init; }

    /// <summary>apply: what the tenant held before this write (the number, address or SMS sign-in state it replaced or removed), for revert.</summary>
    public string? Previous { get; init; }

    /// <summary>apply: the id Graph gave what this write created when it is not fixed (a Temporary Access Pass), so <c>status</c> finds that very pass
    /// later.</summary>
    public string? IssuedId { get; init; }
}
