using BulkRegistrar.Reading;
using PhoneNumbers;

namespace BulkRegistrar.Validation;

/// <summary>
/// Merges the two ways a row can give a phone — its own column (wide form) or PhoneNumber +
/// PhoneType (long form) — into at most one check per phone type, and applies the remove rules.
/// </summary>
internal readonly struct PhoneCells(
    PhoneNormalizer phones, RowAction action, string? region, MethodKind longType, string? longNumber)
{
    private static readonly string LongColumn = ColumnAliases.KeyOf(RowField.PhoneNumber);

    /// <summary>The check for one phone type (null when the row does not name it), and whether its number is
    /// a usable landline (SMS sign-in cannot use it).</summary>
    internal readonly record struct Result(MethodCheck? Check, bool Landline = false);

    public Result Check(MethodKind method, string? wide, string wideColumn)
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
                ? new Result(new MethodCheck(method, null, null))
                : new Result(new MethodCheck(method, null, null, ErrorCodes.MissingPhoneNumber,
                    "PhoneType is filled but PhoneNumber is empty; add the number or clear PhoneType."));
        }

        if (wide is null || fromLong is null)
        {
            return Single(method, wide ?? fromLong!, wide is null ? LongColumn : wideColumn);
        }

        // Both forms on one row for the same type: harmless when they agree, otherwise we cannot
        // know which one HR meant, so neither is used.
        var first = Single(method, wide, wideColumn);
        var second = Single(method, fromLong, LongColumn);
        var same = wide == fromLong
            || (first.Check!.IsValid && second.Check!.IsValid && first.Check.Normalized == second.Check.Normalized);
        return same
            ? first
            : new Result(new MethodCheck(method, wide, null, ErrorCodes.ConflictingPhone,
                $"{wideColumn} and {LongColumn} (PhoneType {MethodNames.Of(longType)}) hold different numbers; keep one of them."));
    }

    private Result Single(MethodKind method, string input, string column)
    {
        // An export's "System.String[]" or "@{…}" holds no number (and "@{" would pass for a formula): say how to export it.
        if (ExportArtefacts.Describe(input, column) is { } artefact)
        {
            return new Result(new MethodCheck(method, input, null, ErrorCodes.ExportArtefact, artefact));
        }

        // Before anything else, remove included: "=cmd()" has no digit and would pass as "remove any".
        if (SpreadsheetFormula.InPhoneCell(input))
        {
            return new Result(new MethodCheck(method, input, null, ErrorCodes.FormulaCell, SpreadsheetFormula.Message(column)));
        }

        // To remove, the cell only has to name the method ("*", "any"); a number is checked so
        // the planner can compare it with what is registered.
        if (action == RowAction.Remove && !ContainsDigit(input))
        {
            return new Result(new MethodCheck(method, input, null));
        }

        var verdict = phones.Normalize(input, region, method, out var type);
        if (verdict.Error == ErrorCodes.InvalidRegion && ExportArtefacts.Describe(region, ColumnAliases.KeyOf(RowField.Region)) is { } regionArtefact)
        {
            verdict = Verdict.Fail(ErrorCodes.ExportArtefact, regionArtefact);
        }

        // A warning is advice for registering; a remove row only names the number.
        var check = MethodCheck.Of(method, input, action == RowAction.Register ? verdict : verdict with { Warning = null });
        return new Result(check, verdict.IsValid && type == PhoneNumberType.FIXED_LINE);
    }

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
