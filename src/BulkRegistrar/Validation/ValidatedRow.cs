namespace BulkRegistrar.Validation;

/// <summary>Register (default) or remove the row's methods, or reregister: delete all but the password and revoke the sessions.</summary>
internal enum RowAction
{
    Register,
    Remove,
    Reregister,
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
    /// <summary>The row's object id when the file gives one beside the UPN (<see cref="User"/>): the user is addressed by it.</summary>
    public string? ObjectId { get; init; }

    /// <summary>No row error and every cell valid.</summary>
    public bool IsValid => RowError is null && Methods.All(m => m.IsValid);
}
