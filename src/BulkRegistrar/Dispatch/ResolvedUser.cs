using BulkRegistrar.Audit;
using BulkRegistrar.Planning;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// A user as Graph knows them, and the desired state with the numbers that waited for the user's
/// <c>usageLocation</c> resolved.
/// </summary>
/// <param name="Id">The key the user's method requests are addressed by: the object id from the lookup. A write-first path
/// for a plain UPN (no <c>#EXT#</c>, no <c>$</c>, no pending region) could skip the lookup and use the UPN here, which Graph's
/// method paths accept as well.</param>
/// <param name="Desired">The file's desired state, with the pending-region numbers that <paramref name="UsageLocation"/> made valid added.</param>
/// <param name="Settled">The pending-region cells the usageLocation could not make valid, with their final record.</param>
internal sealed record ResolvedUser(string Id, string? UserPrincipalName, string? UsageLocation, DesiredState Desired, IReadOnlyList<AuditRecord> Settled);
