using BulkRegistrar.Audit;

namespace BulkRegistrar.Validation;

/// <summary>
/// Merges the two ways a row can give a phone — its own column (wide form) or PhoneNumber +
/// PhoneType (long form) — into at most one check per phone type, and applies the remove rules.
/// </summary>
internal readonly struct PhoneCells(
    PhoneNormalizer phones, RowAction action, string? region, MethodKind longType, string? longNumber)
{
    /// <summary>The check for one phone type (null when the row does not name it) and the
    /// normaliser's result behind it (null when no number was parsed).</summary>
    internal readonly record struct Outcome(MethodCheck? Check, PhoneResult? Phone);

    public Outcome Check(MethodKind method, string? wide, string wideColumn)
    {
        var named = longType == method;
        var fromLong = named ? longNumber : null;
        if (wide is null && !named)
        {
            return default;
        }

        if (wide is null && fromLong is null)
        {
            // PhoneType named this method but PhoneNumber is empty: fine for "remove the mobile",
            // a forgotten number for "register".
            return action == RowAction.Remove
                ? new Outcome(new MethodCheck(method, null, null), null)
                : new Outcome(new MethodCheck(method, null, null, ErrorCodes.MissingPhoneNumber,
                    "PhoneType is filled but PhoneNumber is empty; add the number or clear PhoneType."), null);
        }

        if (wide is null || fromLong is null)
        {
            return Single(method, wide ?? fromLong!, wide is null ? "PhoneNumber" : wideColumn);
        }

        // Both forms on one row for the same type: harmless when they agree, otherwise we cannot
        // know which one HR meant, so neither is used.
        var first = Single(method, wide, wideColumn);
        var second = Single(method, fromLong, "PhoneNumber");
        var same = wide == fromLong
            || (first.Check!.IsValid && second.Check!.IsValid && first.Check.Normalized == second.Check.Normalized);
        return same
            ? first
            : new Outcome(new MethodCheck(method, wide, null, ErrorCodes.ConflictingPhone,
                $"{wideColumn} and PhoneNumber (PhoneType {GraphName(longType)}) hold different numbers; keep one of them."), null);
    }

    private Outcome Single(MethodKind method, string input, string column)
    {
        // Before anything else, remove included: "=cmd()" has no digit and would pass as "remove any".
        if (SpreadsheetFormula.InPhoneCell(input))
        {
            return new Outcome(new MethodCheck(method, input, null, ErrorCodes.FormulaCell, SpreadsheetFormula.Message(column)), null);
        }

        // To remove, the cell only has to name the method ("*", "any"); a number is checked so
        // the planner can compare it with what is registered.
        if (action == RowAction.Remove && !ContainsDigit(input))
        {
            return new Outcome(new MethodCheck(method, input, null), null);
        }

        var result = phones.Normalize(input, region, method);
        var warning = action == RowAction.Register ? result.Warning : null;
        return new Outcome(new MethodCheck(method, input, result.Normalized, result.Error, result.Message, warning), result);
    }

    private static string GraphName(MethodKind method) => method switch
    {
        MethodKind.AlternateMobile => "alternateMobile",
        MethodKind.Office => "office",
        _ => "mobile",
    };

    private static bool ContainsDigit(string s)
    {
        foreach (var c in s)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
