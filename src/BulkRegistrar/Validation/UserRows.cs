namespace BulkRegistrar.Validation;

/// <summary>
/// Everything one file says about one user, judged as a whole: the rows in line order, each with
/// its duplicate verdict. Rows of a user not repeated in the file come as a group of one.
/// </summary>
internal sealed record UserRows(IReadOnlyList<JudgedRow> Rows);

/// <summary>A validated row and what the duplicate rules made of it.</summary>
/// <param name="ConflictLines">When not null, the user's rows disagree: every cell of this row is
/// <c>DuplicateUser</c>, naming these other lines.</param>
/// <param name="DuplicateOf">Methods this row repeats from an earlier line (method → that line); they are
/// <c>Skipped</c>/<c>DuplicateRow</c>.</param>
internal sealed record JudgedRow(
    ValidatedRow Row,
    IReadOnlyList<int>? ConflictLines = null,
    IReadOnlyDictionary<MethodKind, int>? DuplicateOf = null)
{
    /// <summary>
    /// The row's cells with the duplicate rules applied: one per method, or a single <c>none</c> cell for a
    /// row-level problem. This is everything validation says about the row; planning and the audit start here.
    /// </summary>
    public IEnumerable<JudgedCell> Cells
    {
        get
        {
            if (Row.RowError is not null || Row.Methods.Count == 0)
            {
                yield return Cell(MethodCheck.ForRow(Row.RowError ?? ErrorCodes.NothingToDo, Row.RowMessage));
                yield break;
            }

            foreach (var m in Row.Methods)
            {
                yield return Cell(Judge(m));
            }
        }
    }

    private JudgedCell Cell(MethodCheck check) => new(Row.Line, Row.User, Row.Action, check);

    private MethodCheck Judge(MethodCheck m)
    {
        if (ConflictLines is { } others)
        {
            return m with
            {
                Error = ErrorCodes.DuplicateUser,
                Message = $"This user is also on line{(others.Count == 1 ? "" : "s")} {string.Join(", ", others)} with different values; keep one "
                    + $"row per user, or make the rows agree.",
            };
        }

        return DuplicateOf?.GetValueOrDefault(m.Method) is int first and > 0
            ? m.Skip(ErrorCodes.DuplicateRow, $"Same as line {first}; processed once there. Remove the repeated row to silence this.")
            : m;
    }
}

/// <summary>One cell of a judged row, with the line and user it came from.</summary>
internal sealed record JudgedCell(int Line, string? User, RowAction Action, MethodCheck Check);
