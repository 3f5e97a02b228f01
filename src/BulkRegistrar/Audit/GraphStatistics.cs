using System.Text.Json.Serialization;

namespace BulkRegistrar.Audit;

/// <summary>
/// <c>summary.json</c>'s <c>graph</c> object: what a plan/apply or revert run asked of Graph. One record for
/// both verbs so the traffic counters are named once; each verb fills its own fields and leaves the
/// other's null, which the summary's serializer omits. Property order is the file's key order.
/// </summary>
/// <param name="Target">The target's kind: <c>tenant</c>, <c>emulator</c> or <c>emulator-url</c>.</param>
/// <param name="Identity">plan/apply: who signed in (never a secret).</param>
/// <param name="RevertedRun">revert: the folder of the apply run it undoes.</param>
/// <param name="TimeThrottledMs">How long the shared throttle gate held some kind of request, in all.</param>
/// <param name="Statuses">plan/apply: items per HTTP status (0: no answer), ordered by status.</param>
internal sealed record GraphStatistics(
    string Target,
    IdentitySummary? Identity,
    string? RevertedRun,
    long Batches,
    long Requests,
    long Writes,
    long Throttled429,
    long Retries,
    long TimeThrottledMs,
    int? PeakBatchesInFlight = null,
    int? HandoffSecrets = null,
    long? Verified = null,
    long? VerifyMismatches = null,
    long? UsersUnchangedSinceLastRun = null,
    int? ResumedKeptRecords = null,
    IReadOnlyDictionary<string, long>? Statuses = null);

/// <summary>Who a run signed in as and where — never a secret, never a token. Ids are written even when unknown (null).</summary>
internal sealed record IdentitySummary(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TenantId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ClientId,
    string AuthMode,
    string Cloud);
