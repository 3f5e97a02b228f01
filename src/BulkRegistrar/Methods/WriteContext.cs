using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Methods;

/// <summary>What a method's description needs to send one of a user's writes (<see cref="AuthMethod.WriteAsync"/>).</summary>
/// <param name="Id">The key the user's requests are addressed by: the object id, or the plain UPN of a write-first guess.</param>
/// <param name="Current">What the tenant held when the write was planned.</param>
/// <param name="Secrets">apply's means for a write whose answer is a secret (the hand-off file, chosen passwords, the clock).</param>
/// <param name="ReadBack">Re-reads the tenant until it shows a write (read-after-write lag), or null.</param>
/// <param name="WriteFirst">The write was planned without reading the user (Dispatch's write-first policy).</param>
internal sealed record WriteContext(
    GraphExecutor Graph,
    GraphRequests Requests,
    string Id,
    string? UserPrincipalName,
    CurrentMethods Current,
    SecretOperations? Secrets,
    ReadBack? ReadBack,
    bool WriteFirst = false);

/// <summary>How a planned write ended: the call, its outcome, and the sentence and error its record gets (<see cref="AuditRecords.Written"/>).</summary>
/// <param name="Error">The audit's error category; null when it succeeded.</param>
/// <param name="RefusedUnread">A write-first create Graph refused, not re-read: the caller reads the tenant and plans again.</param>
internal sealed record WriteResult(ExecutedCall Call, Outcome Outcome, string Message, string? Error = null, bool RefusedUnread = false)
    : IWriteResult
{
    /// <summary>Graph's error code, when the record names it.</summary>
    public string? GraphError { get; init; }

    /// <summary>The write left and no clear answer came back: the last status seen is no answer to it, so the record has none.</summary>
    public bool HideStatus { get; init; }

    /// <summary>The id of what the write created (a pass), by which --verify finds it.</summary>
    public string? IssuedId { get; init; }

    ICallEvidence IWriteResult.Evidence => Call;
}
