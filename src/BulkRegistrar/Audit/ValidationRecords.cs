using BulkRegistrar.Validation;

namespace BulkRegistrar.Audit;

/// <summary>
/// The one projection of validation's cells onto the audit: a judged cell becomes its record, with the
/// outcome validation gives it — <see cref="Outcome.Valid"/>, <see cref="Outcome.Invalid"/> or
/// <see cref="Outcome.Skipped"/>. validate writes every cell this way; plan and apply write the cells
/// validation settled (and the ones still waiting for a region, when the tenant cannot supply it).
/// </summary>
internal static class ValidationRecords
{
    public static IEnumerable<AuditRecord> For(JudgedRow judged) => judged.Cells.Select(Of);

    public static IReadOnlyList<AuditRecord> Of(IReadOnlyList<JudgedCell> cells) => cells.Count == 0 ? [] : [.. cells.Select(Of)];

    public static AuditRecord Of(JudgedCell cell)
    {
        var c = cell.Check;
        var outcome = c.IsValid ? Outcome.Valid : c.Skipped ? Outcome.Skipped : Outcome.Invalid;
        return new AuditRecord(cell.Line, cell.User, c.Method, c.Input, c.Normalized, outcome, c.Error, c.Message, c.Warning);
    }
}
