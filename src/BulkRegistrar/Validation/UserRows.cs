namespace BulkRegistrar.Validation;

/// <summary>
/// Everything one file says about one user, judged as a whole: the rows in line order, each with
/// its duplicate verdict. Rows of a user not repeated in the file come as a group of one.
/// </summary>
internal sealed record UserRows(IReadOnlyList<JudgedRow> Rows);

/// <summary>A validated row and what the duplicate rules made of it.</summary>
/// <param name="ConflictLines">When not null, the user's rows disagree: every record of this row is
/// <c>DuplicateUser</c>, naming these other lines.</param>
/// <param name="DuplicateOf">Methods this row repeats from an earlier line (method → that line); they are
/// <c>Skipped</c>/<c>DuplicateRow</c>.</param>
internal sealed record JudgedRow(
    ValidatedRow Row,
    IReadOnlyList<int>? ConflictLines = null,
    IReadOnlyDictionary<MethodKind, int>? DuplicateOf = null);
