using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// Turns one <see cref="RawRow"/> into the row's desired state: a row-level error, or one <see cref="MethodCheck"/> per
/// method the row names — each method's description judges its own cells (<see cref="ICellRules.Check"/>), in registry
/// order (mobile, alternate mobile, office, e-mail, SMS sign-in, pass, password). Looks at one row only; duplicates across
/// rows are judged later. Stateless apart from the normaliser, so one instance may serve parallel workers.
/// </summary>
internal sealed class RowValidator(PhoneNormalizer phones, MethodDefaults? defaults = null)
{
    private readonly MethodDefaults _defaults = defaults ?? MethodDefaults.None;

    public RowValidator()
        : this(new PhoneNormalizer())
    {
    }

    public RowValidator(MethodDefaults defaults)
        : this(new PhoneNormalizer(defaults.AllowVanityNumbers), defaults)
    {
    }

    /// <param name="defaultRegion">--region, else configuration; the row's Region cell wins over it.</param>
    public ValidatedRow Validate(RawRow row, string? defaultRegion)
    {
        if (row.Malformed is not null)
        {
            return RowError(row, ErrorCodes.MalformedRecord, row.Malformed);
        }

        // An export's placeholder for a list or object is no user id at all (nor a typo in one): it says how to export the value.
        if (ExportArtefacts.Describe(row.User, ColumnAliases.KeyOf(RowField.User)) is { } userArtefact)
        {
            return RowError(row, ErrorCodes.ExportArtefact, userArtefact);
        }

        var user = UserIdValidator.Validate(row.User);
        if (!user.IsValid)
        {
            return RowError(row, user.Error!, user.Message!);
        }

        if (ObjectIdProblem(row.ObjectId) is { } objectId)
        {
            return RowError(row, objectId.Error!, objectId.Message!);
        }

        if (!CellVocabulary.TryParseAction(row.Action, out var action))
        {
            return RowError(row, ErrorCodes.InvalidAction,
                $"The Action column says '{row.Action}'; write register (or leave it empty), remove or reregister.");
        }

        MethodKind? longForm = null;
        if (row.PhoneType is not null)
        {
            if (!CellVocabulary.TryParsePhoneType(row.PhoneType, out var named))
            {
                return RowError(row, ErrorCodes.InvalidPhoneType, $"The PhoneType column says '{row.PhoneType}'; write {CellVocabulary.PhoneTypeChoices}.");
            }

            longForm = named;
        }
        else if (row.PhoneNumber is not null)
        {
            return RowError(row, ErrorCodes.InvalidPhoneType,
                $"PhoneNumber is filled but PhoneType is empty; write {CellVocabulary.PhoneTypeChoices} in PhoneType.");
        }

        var cells = new RowCells(row, action, row.Region ?? defaultRegion, longForm, phones, _defaults);
        var methods = new List<MethodCheck>(4);
        foreach (var method in MethodRegistry<ICellRules>.All)
        {
            var check = Judge(method, cells);
            if (check is { IsValid: true } && action == RowAction.Reregister && method.Columns.Count > 0)
            {
                // A reregister row deletes every method: registering one on the same row would race the deletion of what it replaces.
                check = check.Skip(ErrorCodes.ReregisterOnly, "Not acted on: a reregister row only deletes the user's methods and revokes their "
                    + "sessions; register new methods in a later run, once the deletion is done.");
            }

            cells.Judged(method.Kind, check);
            if (check is not null)
            {
                methods.Add(check);
            }
        }

        return methods.Count == 0
            ? RowError(row, ErrorCodes.NothingToDo,
                "The row names a user but no phone, e-mail or SMS sign-in setting; fill at least one column or remove the row.")
            : new ValidatedRow(row.Line, row.User, action, methods) { ObjectId = row.ObjectId };
    }

    /// <summary>
    /// The method's <see cref="ICellRules.Check"/>, except that a row naming the method with an export's placeholder in one of its
    /// cells (<c>System.String[]</c>, <c>@{…}</c>: <see cref="ExportArtefacts"/>) gets <c>ExportArtefact</c>, saying how to export the
    /// value: such a cell holds no value at all, whatever the method (and "@{" would pass for a formula).
    /// </summary>
    private static MethodCheck? Judge(ICellRules method, RowCells row)
    {
        if (method.Check(row) is not { } check)
        {
            return null;
        }

        foreach (var column in method.Columns)
        {
            if (ExportArtefacts.Describe(row[column], column.Key) is { } artefact)
            {
                return new MethodCheck(method.Kind, check.Input, null, ErrorCodes.ExportArtefact, artefact); // the input the method's record shows
            }
        }

        return check;
    }

    /// <summary>What is wrong with the object id cell beside a UPN, or null (none, or a GUID).</summary>
    private static Verdict? ObjectIdProblem(string? objectId)
    {
        var column = ColumnAliases.KeyOf(RowField.ObjectId);
        if (objectId is null || Guid.TryParseExact(objectId, "D", out _))
        {
            return null;
        }

        return ExportArtefacts.Describe(objectId, column) is { } artefact
            ? Verdict.Fail(ErrorCodes.ExportArtefact, artefact)
            : Verdict.Fail(ErrorCodes.InvalidUser,
                $"The {column} cell '{objectId}' is not an object id (a GUID like 4f1d2c3b-8a9e-4b7c-9d10-2e3f4a5b6c7d); correct it, or clear it to "
                    + $"address the user by the UPN.");
    }

    /// <summary>
    /// A phone cell that was <see cref="ErrorCodes.MissingRegion"/>, judged again now that the user's usageLocation is known
    /// (plan and apply read it with the user): usable, or still not, and why — the user has none, or the number is not one there.
    /// </summary>
    public JudgedCell WithRegion(JudgedCell waiting, string? usageLocation)
    {
        var check = waiting.Check;
        if (usageLocation is null)
        {
            return waiting with { Check = check with { Message = check.Message + " The user has no usageLocation in Entra ID either." } };
        }

        var verdict = phones.Normalize(check.Input!, usageLocation, check.Method);
        return waiting with
        {
            Check = verdict.IsValid
                ? check with { Normalized = verdict.Value, Error = null, Message = null, Warning = verdict.Warning }
                : check with { Normalized = null, Error = verdict.Error, Message = $"{verdict.Message} (Region {usageLocation} is the user's usageLocation.)" },
        };
    }

    private static ValidatedRow RowError(RawRow row, string error, string message) =>
        new(row.Line, row.User, RowAction.Register, [], error, message);
}
