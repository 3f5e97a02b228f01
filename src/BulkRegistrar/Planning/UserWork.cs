using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// One user as validation hands it on: the desired state that goes to Graph (null when no cell of the
/// user survived), the cells validation already settled (invalid, duplicate, skipped: they go to the audit
/// as they are), and the phone cells that still wait for the user's <c>usageLocation</c> as their region.
/// </summary>
internal sealed record UserWork(DesiredState? Desired, IReadOnlyList<JudgedCell> Settled, IReadOnlyList<PendingRegion> PendingRegions);

/// <summary>A phone cell that needs the user's usageLocation as its region: what it would be desired as, and its
/// cell as validation left it (<c>MissingRegion</c>), which is its record if the tenant cannot supply a region either.</summary>
internal sealed record PendingRegion(DesiredMethod Method, JudgedCell Cell);
