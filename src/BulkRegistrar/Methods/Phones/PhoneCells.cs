using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
using PhoneNumbers;

namespace BulkRegistrar.Methods.Phones;

/// <summary>
/// A phone's verdict on a row: the two ways a row can give it — its own column (wide form) or PhoneNumber + PhoneType
/// (long form) — merged into one check, with the remove rules. A usable landline is noted on the row (SMS sign-in cannot use it).
/// </summary>
internal static class PhoneCells
{
    private static readonly string LongColumn = ColumnAliases.KeyOf(RowField.PhoneNumber);
    private static readonly string RegionColumn = ColumnAliases.KeyOf(RowField.Region);

    public static MethodCheck? Check(PhoneMethod phone, RowCells row) => SecondWayIn(phone, row, CheckCells(phone, row));

    /// <summary>
    /// An alternate mobile that is the row's mobile again gives the user no second phone to fall back on, only the same one
    /// twice: most likely a column copied by mistake. It is still registered as asked; the record says so.
    /// </summary>
    private static MethodCheck? SecondWayIn(PhoneMethod phone, RowCells row, MethodCheck? check)
    {
        if (phone.Kind != MethodKind.AlternateMobile || check is not { IsValid: true, Normalized: { } alternate }
            || row.Checked(MethodKind.Mobile) is not { IsValid: true, Normalized: { } mobile } || mobile != alternate)
        {
            return check;
        }

        const string same = "The alternate mobile is the same number as the mobile phone, so it adds no second phone to sign in with; "
            + "give another number, or leave AlternateMobilePhone empty.";
        return check with { Warning = check.Warning is null ? same : $"{check.Warning} {same}" };
    }

    private static MethodCheck? CheckCells(PhoneMethod phone, RowCells row)
    {
        var wide = row[phone.Cell];
        var named = row.LongType == phone.Kind;
        var fromLong = named ? row.LongNumber : null;
        if (wide is null && !named)
        {
            return null;
        }

        if (wide is null && fromLong is null)
        {
            // PhoneType named this method but PhoneNumber is empty: fine for "remove the mobile", a forgotten number for "register".
            return row.Action == RowAction.Remove
                ? new MethodCheck(phone.Kind, null, null)
                : new MethodCheck(phone.Kind, null, null, ErrorCodes.MissingPhoneNumber,
                    "PhoneType is filled but PhoneNumber is empty; add the number or clear PhoneType.");
        }

        if (wide is null || fromLong is null)
        {
            var (check, landline) = Single(phone, row, wide ?? fromLong!, wide is null ? LongColumn : phone.Cell.Key);
            if (landline)
            {
                row.Landline(phone.Kind);
            }

            return check;
        }

        // Both forms on one row for the same type: harmless when they agree, otherwise we cannot know which one HR meant,
        // so neither is used.
        var first = Single(phone, row, wide, phone.Cell.Key);
        var second = Single(phone, row, fromLong, LongColumn);
        if (wide == fromLong || (first.Check.IsValid && second.Check.IsValid && first.Check.Normalized == second.Check.Normalized))
        {
            if (first.Landline)
            {
                row.Landline(phone.Kind);
            }

            return first.Check;
        }

        return new MethodCheck(phone.Kind, wide, null, ErrorCodes.ConflictingPhone,
            $"{phone.Cell.Key} and {LongColumn} (PhoneType {phone.Name}) hold different numbers; keep one of them.");
    }

    private static (MethodCheck Check, bool Landline) Single(PhoneMethod phone, RowCells row, string input, string column)
    {
        // An export's "System.String[]" or "@{…}" holds no number (and "@{" would pass for a formula): say how to export it.
        // The long form's PhoneNumber is no method's column, so validation's check of the method's columns does not see it; nor is such a cell a landline.
        if (ExportArtefacts.Describe(input, column) is { } artefact)
        {
            return (new MethodCheck(phone.Kind, input, null, ErrorCodes.ExportArtefact, artefact), false);
        }

        // Before anything else, remove included: "=cmd()" has no digit and would pass as "remove any".
        if (SpreadsheetFormula.InPhoneCell(input))
        {
            return (new MethodCheck(phone.Kind, input, null, ErrorCodes.FormulaCell, SpreadsheetFormula.Message(column)), false);
        }

        // To remove, the cell only has to name the method ("*", "any"); a number is checked so the planner can compare it
        // with what is registered.
        if (row.Action == RowAction.Remove && !input.Any(char.IsDigit))
        {
            return (new MethodCheck(phone.Kind, input, null), false);
        }

        var verdict = row.Phones.Normalize(input, row.Region, phone.Kind, out var type);
        if (verdict.Error == ErrorCodes.InvalidRegion && ExportArtefacts.Describe(row.Region, RegionColumn) is { } regionArtefact)
        {
            verdict = Verdict.Fail(ErrorCodes.ExportArtefact, regionArtefact);
        }

        // A warning is advice for registering; a remove row only names the number.
        var check = MethodCheck.Of(phone.Kind, input, row.Action == RowAction.Register ? verdict : verdict with { Warning = null });
        return (check, verdict.IsValid && type == PhoneNumberType.FIXED_LINE);
    }
}
