namespace BulkRegistrar.Audit;

/// <summary>Terminal outcomes of one (row × method). Names are the audit vocabulary; never rename.</summary>
internal enum Outcome
{
    Valid,
    Invalid,
    Skipped,
    // plan mode
    WouldCreate,
    WouldUpdate,
    WouldDelete,
    // apply mode
    Created,
    Updated,
    Deleted,
    Unchanged,
    Conflict,
    NotFound,
    Failed,

    // plan mode, added later (appended: the order is the tally's index)
    WouldIssueTap,
}
