using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// Turns one <see cref="RawRow"/> into the row's desired state: a row-level error, or one
/// <see cref="MethodCheck"/> per method the row names (mobile, alternate mobile, office, e-mail,
/// SMS sign-in, in that order). Looks at one row only; duplicates across rows are judged later.
/// Stateless apart from the normaliser, so one instance may serve parallel workers.
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
                $"The Action column says '{row.Action}'; write register (or leave it empty) or remove.");
        }

        var longForm = MethodKind.None;
        if (row.PhoneType is not null && !CellVocabulary.TryParsePhoneType(row.PhoneType, out longForm))
        {
            return RowError(row, ErrorCodes.InvalidPhoneType,
                $"The PhoneType column says '{row.PhoneType}'; write mobile, alternateMobile or office.");
        }

        if (row.PhoneType is null && row.PhoneNumber is not null)
        {
            return RowError(row, ErrorCodes.InvalidPhoneType,
                "PhoneNumber is filled but PhoneType is empty; write mobile, alternateMobile or office in PhoneType.");
        }

        var cells = new PhoneCells(phones, action, row.Region ?? defaultRegion, longForm, row.PhoneNumber);
        var methods = new List<MethodCheck>(4);
        var mobile = cells.Check(MethodKind.Mobile, row.Mobile, ColumnAliases.KeyOf(RowField.Mobile));
        Add(methods, mobile.Check);
        Add(methods, cells.Check(MethodKind.AlternateMobile, row.AlternateMobile, ColumnAliases.KeyOf(RowField.AlternateMobile)).Check);
        Add(methods, cells.Check(MethodKind.Office, row.Office, ColumnAliases.KeyOf(RowField.Office)).Check);
        if (row.Email is not null)
        {
            methods.Add(CheckEmail(row.Email, action));
        }

        if (row.SmsSignIn is not null)
        {
            methods.Add(CheckSmsSignIn(row.SmsSignIn, action, mobile));
        }

        Add(methods, ExtraMethodCells.Tap(row, action, _defaults));
        Add(methods, ExtraMethodCells.ResetPassword(row, action, _defaults));

        return methods.Count == 0
            ? RowError(row, ErrorCodes.NothingToDo,
                "The row names a user but no phone, e-mail or SMS sign-in setting; fill at least one column or remove the row.")
            : new ValidatedRow(row.Line, row.User, action, methods) { ObjectId = row.ObjectId };
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
                $"The {column} cell '{objectId}' is not an object id (a GUID like 4f1d2c3b-8a9e-4b7c-9d10-2e3f4a5b6c7d); correct it, or clear it to address the user by the UPN.");
    }

    private static MethodCheck CheckEmail(string email, RowAction action)
    {
        if (ExportArtefacts.Describe(email, ColumnAliases.KeyOf(RowField.Email)) is { } artefact)
        {
            return new MethodCheck(MethodKind.Email, email, null, ErrorCodes.ExportArtefact, artefact);
        }

        // To remove, the column only has to name the method: "*" or "any" removes whatever is there.
        // ... but not a formula, which has no '@' either ("=cmd()").
        if (action == RowAction.Remove && !email.Contains('@') && !SpreadsheetFormula.StartsWithTrigger(email))
        {
            return new MethodCheck(MethodKind.Email, email, null);
        }

        return MethodCheck.Of(MethodKind.Email, email, EmailValidator.Validate(email));
    }

    private static MethodCheck CheckSmsSignIn(string cell, RowAction action, PhoneCells.Result mobile)
    {
        if (ExportArtefacts.Describe(cell, ColumnAliases.KeyOf(RowField.SmsSignIn)) is { } artefact)
        {
            return new MethodCheck(MethodKind.SmsSignIn, cell, null, ErrorCodes.ExportArtefact, artefact);
        }

        if (!CellVocabulary.TryParseSwitch(cell, out var on))
        {
            return new MethodCheck(MethodKind.SmsSignIn, cell, null, ErrorCodes.InvalidSmsSignIn,
                $"The SmsSignIn column says '{cell}'; write true or false (enable/disable, yes/no also work), or leave it empty.");
        }

        var state = on ? SmsSignIn.Enable : SmsSignIn.Disable;
        if (state == SmsSignIn.Enable && action == RowAction.Register)
        {
            if (mobile.Check is null)
            {
                return new MethodCheck(MethodKind.SmsSignIn, cell, null, ErrorCodes.SmsNeedsMobile,
                    "SMS sign-in uses the mobile phone; add a MobilePhone to this row or set SmsSignIn to false.");
            }

            // An invalid mobile is already reported on its own record; only a usable landline is news here.
            if (mobile.Landline)
            {
                return new MethodCheck(MethodKind.SmsSignIn, cell, null, ErrorCodes.SmsNeedsMobile,
                    "SMS sign-in needs a number that receives SMS, but the MobilePhone is a landline; give a mobile number or set SmsSignIn to false.");
            }
        }

        return new MethodCheck(MethodKind.SmsSignIn, cell, state.Name());
    }

    private static void Add(List<MethodCheck> methods, MethodCheck? check)
    {
        if (check is not null)
        {
            methods.Add(check);
        }
    }

    private static ValidatedRow RowError(RawRow row, string error, string message) =>
        new(row.Line, row.User, RowAction.Register, [], error, message);
}
