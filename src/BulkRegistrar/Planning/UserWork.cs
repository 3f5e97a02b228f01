using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

/// <summary>
/// One user as validation hands it on: the desired state that goes to Graph (null when no cell of the
/// user survived), the records validation already settled, and the phone cells that still wait for the
/// user's <c>usageLocation</c> as their region.
/// </summary>
internal sealed record UserWork(DesiredState? Desired, IReadOnlyList<AuditRecord> Settled, IReadOnlyList<PendingRegion> PendingRegions);

/// <summary>A phone cell that needs the user's usageLocation as its region.</summary>
internal sealed record PendingRegion(DesiredMethod Method, AuditRecord Record);
