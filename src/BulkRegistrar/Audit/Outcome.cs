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

    // status: onboarding of one user (a strong method registered, or not yet)
    Complete,
    Pending,

    // plan mode: a write the tenant's authentication methods policy would refuse (apply does not send it: Skipped)
    WouldBeRefused,
}

/// <summary>What an outcome means for the person who reads the run.</summary>
internal static class OutcomeKinds
{
    /// <summary>
    /// The row needs a look: it is invalid, skipped, refused or failed. Every other outcome (valid, done, unchanged, or
    /// what a plan would do) is fine. The exit code, the console's first problems and the report's table all ask this.
    /// </summary>
    public static bool NeedsAttention(Outcome outcome) =>
        outcome is Outcome.Invalid or Outcome.Skipped or Outcome.Conflict or Outcome.NotFound or Outcome.Failed or Outcome.Pending
            or Outcome.WouldBeRefused;
}
