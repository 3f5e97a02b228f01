using BulkRegistrar.Validation;

namespace BulkRegistrar.Audit;

/// <summary>
/// Turns a judged row into its audit records as far as validation can tell: one per method, or a
/// single <c>none</c> record for a row-level problem. Plan and apply start from these and replace
/// the outcome of the records that stay <see cref="Outcome.Valid"/>.
/// </summary>
internal static class ValidationRecords
{
    public const string DuplicateUser = "DuplicateUser";
    public const string DuplicateRow = "DuplicateRow";

    public static IEnumerable<AuditRecord> For(JudgedRow judged)
    {
        var row = judged.Row;
        if (row.RowError is not null || row.Methods.Count == 0)
        {
            yield return new AuditRecord(row.Line, row.User, MethodKind.None, null, null, Outcome.Invalid,
                row.RowError ?? "NothingToDo", row.RowMessage);
            yield break;
        }

        foreach (var m in row.Methods)
        {
            yield return ForMethod(judged, m);
        }
    }

    public static AuditRecord ForMethod(JudgedRow judged, MethodCheck m)
    {
        var row = judged.Row;
        var record = new AuditRecord(row.Line, row.User, m.Method, m.Input, m.Normalized,
            m.IsValid ? Outcome.Valid : Outcome.Invalid, m.Error, m.Message, m.Warning);
        if (judged.ConflictLines is { } others)
        {
            return record with
            {
                Outcome = Outcome.Invalid,
                Error = DuplicateUser,
                Message = $"This user is also on line{(others.Count == 1 ? "" : "s")} {string.Join(", ", others)} with different values; keep one row per user, or make the rows agree.",
            };
        }

        if (judged.DuplicateOf?.GetValueOrDefault(m.Method) is int first and > 0)
        {
            return record with
            {
                Outcome = Outcome.Skipped,
                Error = DuplicateRow,
                Message = $"Same as line {first}; processed once there. Remove the repeated row to silence this.",
            };
        }

        return record;
    }
}
