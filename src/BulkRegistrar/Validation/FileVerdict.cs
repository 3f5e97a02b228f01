using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// The whole-file verdicts, taken on the first pass before any row reaches the audit: a file whose user
/// column holds no user principal name or object id on any row (worker ids, sAMAccountNames), or whose rows
/// name no method at all (no method column, or every method cell empty), is not a file of rows to fix one by
/// one but a file to export again. It gets one sentence naming what its columns look like, and exit code 2.
/// </summary>
internal sealed class FileVerdict(ColumnMap columns, string fileName, MethodDefaults defaults)
{
    // Every method's columns (as the descriptions declare them) and the long form of a phone.
    private static readonly RowField[] MethodFields =
        [.. ColumnAliases.MethodColumns.Select(ColumnAliases.FieldOf), RowField.PhoneNumber, RowField.PhoneType];

    private long _rows;
    private long _userCells;
    private long _plainIds;
    private long _methodRows;
    private string? _exampleUser;

    /// <summary>Passes <paramref name="rows"/> on unchanged, looking at each.</summary>
    public IEnumerable<RawRow> Observe(IEnumerable<RawRow> rows)
    {
        foreach (var row in rows)
        {
            Observe(row);
            yield return row;
        }
    }

    /// <summary>The one sentence for a file that cannot be used as it is, or null. Call after the pass.</summary>
    public string? Problem()
    {
        if (BetaRefused() is { } beta)
        {
            return beta;
        }

        if (_rows == 0)
        {
            return null; // no well-formed row: the header-only and malformed files have their own words
        }

        // Every user cell an id of another system (a formula or a pasted sentence is a row to refuse, not such a file).
        if (_userCells > 0 && _plainIds == _userCells)
        {
            return NoUserIds();
        }

        return _methodRows == 0 && !defaults.IssueTap && !defaults.ResetPassword ? NoMethods() : null;
    }

    private void Observe(RawRow row)
    {
        if (row.Malformed is not null)
        {
            return;
        }

        _rows++;
        if (row.User is { } user)
        {
            _userCells++;
            _exampleUser ??= user.Length <= 40 ? user : user[..39] + "…";
            // EMP3100, jsmith, 10042: an id of another system. Not a UPN with a mistake in it (an '@'), nor a formula or a
            // pasted sentence: those are rows to refuse one by one. Only counted while every user cell so far was such an id:
            // one that is not settles the verdict, and checking the other million would cost pass 1 a fifth of its time.
            if (_plainIds == _userCells - 1 && !UserIdValidator.Validate(user).IsValid && !user.Contains('@', StringComparison.Ordinal)
                && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                _plainIds++;
            }
        }

        if (!row.Cells.IsEmpty || (row.PhoneNumber ?? row.PhoneType) is not null
            || (CellVocabulary.TryParseAction(row.Action, out var action) && action == RowAction.Reregister))
        {
            _methodRows++;
        }
    }

    /// <summary>
    /// A file with columns of a method Graph offers only in beta (hardware OATH: the portal's upload file or our Oath* columns), in a run
    /// without <c>--beta</c>: one sentence naming the flag, never a cell (a secret key stays unread).
    /// </summary>
    private string? BetaRefused()
    {
        if (defaults.Beta)
        {
            return null;
        }

        var beta = MethodRegistry<ICellRules>.All.Where(m => m.Beta).ToList();
        var headers = beta.SelectMany(m => m.Columns).Select(c => columns.HeaderOf(ColumnAliases.FieldOf(c))).OfType<string>().ToList();
        if (headers.Count == 0)
        {
            return null;
        }

        var what = KnownExports.IsHardwareOathUpload([.. columns.Uses.Select(u => u.Header)])
            ? "is a hardware OATH token upload (upn, serial number, secret key, time interval, manufacturer, model)"
            : $"asks for {string.Join(" and ", beta.Select(m => m.Noun + "s"))} (column{(headers.Count == 1 ? "" : "s")} {string.Join(", ", headers)})";
        return $"The file '{fileName}' {what}, which Microsoft Graph offers only in beta, whose endpoints may change: run again with --beta to import "
            + "it, and keep the file where only you can read it (it holds secret keys).";
    }

    private string NoUserIds()
    {
        var header = columns.HeaderOf(RowField.User);
        var other = columns.Uses.FirstOrDefault(u => u.Header != header && columns.Sample.Of(u.Column - 1).Upns > 0);
        var instead = other is null
            ? "map them to user principal names (name@domain) first, in a UserPrincipalName column"
            : $"map them to user principal names first, or, if '{other.Header}' holds the users' sign-in names, name that column UserPrincipalName";
        return $"The file '{fileName}' cannot be used: its user column '{header}' holds values like '{_exampleUser}', which are neither user principal names " +
            $"nor object ids on any row (worker or employee ids?); {instead}, and run again.";
    }

    private string NoMethods()
    {
        var mapped = MethodFields.Select(columns.HeaderOf).OfType<string>().ToList();
        var setAside = columns.Uses.Where(u => u.Field is null && u.Note is not null).Select(u => u.Note!.TrimEnd('.')).ToList();
        var why = setAside.Count == 0 ? "" : $" ({string.Join("; ", setAside)})";
        if (mapped.Count > 0)
        {
            return $"The file '{fileName}' has nothing to register: its method column{(mapped.Count == 1 ? "" : "s")} " +
                $"{string.Join(", ", mapped.Select(m => $"'{m}'"))} {(mapped.Count == 1 ? "is" : "are")} empty on every row{why}; check the export "
                    + $"that produced it.";
        }

        var unknown = columns.UnknownHeaders;
        if (unknown.Count > 0)
        {
            setAside.Add($"{string.Join(", ", unknown.Take(8))}{(unknown.Count > 8 ? ", …" : "")} {(unknown.Count == 1 ? "is" : "are")} not read");
        }

        var found = setAside.Count == 0 ? "" : $" ({string.Join("; ", setAside)})";
        return $"The file '{fileName}' has no column of a method to register{found}: name a column MobilePhone, AlternateMobilePhone, " +
            "OfficePhone, Email or SmsSignIn (or use --issue-tap), and run again.";
    }
}
