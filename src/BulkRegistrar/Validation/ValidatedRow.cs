using BulkRegistrar.Audit;

namespace BulkRegistrar.Validation;

/// <summary>Register (default) or remove the row's methods.</summary>
internal enum RowAction
{
    Register,
    Remove,
}

/// <summary>
/// The verdict on one method cell of a row. <see cref="Error"/> is a stable category
/// (<c>InvalidNumber</c>, <c>MissingRegion</c>…) or null when the cell is usable.
/// </summary>
/// <param name="Normalized">Graph form (<c>+CC NSN[xEXT]</c>) for phones, the lower-cased address for
/// e-mail (domain lower-cased), <c>enable</c>/<c>disable</c> for SMS sign-in; null when invalid, and
/// null on a valid <see cref="RowAction.Remove"/> check whose cell names no value (<c>*</c>, <c>any</c>):
/// "remove whatever is registered".</param>
internal sealed record MethodCheck(
    MethodKind Method,
    string? Input,
    string? Normalized,
    string? Error = null,
    string? Message = null,
    string? Warning = null)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// A row after validation: either a row-level error (bad user, malformed record, nothing to do),
/// or one <see cref="MethodCheck"/> per method the row asks for. Cells are judged one by one: plan
/// and apply go on with the valid cells of a row whose other cells are invalid (each cell has its
/// own audit record), except SMS sign-in, which never goes on without its row's mobile.
/// </summary>
internal sealed record ValidatedRow(
    int Line,
    string? User,
    RowAction Action,
    IReadOnlyList<MethodCheck> Methods,
    string? RowError = null,
    string? RowMessage = null)
{
    /// <summary>No row error and every cell valid.</summary>
    public bool IsValid => RowError is null && Methods.All(m => m.IsValid);

    /// <summary>The user id as compared for duplicates (case-insensitive).</summary>
    public string? UserKey => User?.ToLowerInvariant();
}
