namespace BulkRegistrar.Reading;

/// <summary>
/// Decides which column becomes which field when the header names alone do not settle it, by evidence
/// (what the first records hold, <see cref="ColumnSample"/>) and by which name wins (docs/input-formats.md):
/// - of two user columns, the one whose cells hold user principal names or object ids, then the one named
///   UserPrincipalName; an object id column beside it addresses the user while the UPN names them;
/// - of two region columns, the usage location wins over a country;
/// - a phone column (<see cref="MethodColumn.Phone"/>) whose header does not say phone ("Office") is used only when its
///   cells hold phone numbers;
/// - PhoneNumber is the long form only beside a PhoneType column; without one, it is the phone whose column declares
///   the file's other column as <see cref="MethodColumn.NumberBeside"/> when the file has no column of that phone (beside a
///   mobile column, the office (business) phone, as in Microsoft 365's export); otherwise it is not used.
/// Every such choice is one sentence in <see cref="Said"/> and a note on the column it set aside or changed.
/// What no rule can tell apart is refused, as before: two columns for the same field.
/// </summary>
internal sealed class ColumnRules(IReadOnlyList<Candidate> candidates, ColumnSample sample, string fileName)
{
    private readonly Dictionary<int, string> _notes = [];

    /// <summary>The sentences to say once (console, run.log).</summary>
    public List<string> Said { get; } = [];

    /// <summary>Why the rules set a column aside or gave it another meaning, or null.</summary>
    public string? NoteOf(int column) => _notes.GetValueOrDefault(column);

    /// <summary>The 0-based column of every field (-1: none).</summary>
    /// <exception cref="InputFileException">Two columns for one field that no rule tells apart.</exception>
    public int[] Decide()
    {
        var indexOf = new int[ColumnAliases.Keys.Count];
        Array.Fill(indexOf, -1);
        var byField = candidates.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var phone in ColumnAliases.PhoneFields)
        {
            if (byField.TryGetValue(phone, out var list))
            {
                byField[phone] = [.. list.Where(HoldsPhones)];
            }
        }

        if (byField.TryGetValue(RowField.User, out var users) && users.Count > 1)
        {
            byField[RowField.User] = ChooseUser(users);
        }

        if (byField.TryGetValue(RowField.Region, out var regions) && regions.Count > 1
            && Preferred(regions, "the region", "a usage location wins over a country", fallback: true) is { } region)
        {
            byField[RowField.Region] = region;
        }

        foreach (var (field, list) in byField.OrderBy(f => f.Key))
        {
            if (list.Count > 1)
            {
                throw new InputFileException(
                    $"The file '{fileName}' has two columns for {ColumnAliases.KeyOf(field)}: " +
                    $"'{list[0].Header}' (column {list[0].Column + 1}) and '{list[1].Header}' (column {list[1].Column + 1}); remove or rename one of them.");
            }

            if (list.Count == 1)
            {
                indexOf[(int)field] = list[0].Column;
            }
        }

        UserAndObjectId(indexOf);
        PhoneNumberWithoutType(indexOf);
        return indexOf;
    }

    private List<Candidate> ChooseUser(List<Candidate> users)
    {
        var holding = users.Where(c => sample.Of(c.Column).UserIds > 0).ToList();
        if (holding.Count > 0 && holding.Count < users.Count)
        {
            foreach (var other in users.Except(holding))
            {
                SetAside(other, $"'{other.Header}' holds {Like(other)}, not user principal names or object ids: '{holding[0].Header}' is the user "
                    + $"column{(holding.Count == 1 ? "" : "s")}.");
            }

            users = holding;
        }

        return users.Count > 1 ? Preferred(users, "the user column", "it is named for the user principal name") ?? users : users;
    }

    /// <summary>Where the chosen column of a field is empty on a row, the column read instead (-1: none); per field.</summary>
    public int[] Fallbacks { get; } = CreateFallbacks();

    /// <summary>The one candidate named by a preferred alias, the others set aside; null when not exactly one is.</summary>
    /// <param name="fallback">Whether one other column (the only one) is still read where the preferred one is empty.</param>
    private List<Candidate>? Preferred(List<Candidate> list, string what, string why, bool fallback = false)
    {
        var preferred = list.Where(c => ColumnAliases.IsPreferred(c.Alias)).ToList();
        if (preferred.Count != 1)
        {
            return null;
        }

        var others = list.Except(preferred).ToList();
        var chosen = preferred[0];
        if (fallback && others.Count == 1)
        {
            Fallbacks[(int)chosen.Field] = others[0].Column;
            Said.Add($"'{chosen.Header}' is {what}; '{others[0].Header}' is read only on rows where '{chosen.Header}' is empty: {why}.");
            _notes[others[0].Column] = $"read only where '{chosen.Header}' is empty ({why})";
            return preferred;
        }

        Said.Add($"'{chosen.Header}' is {what}; {string.Join(", ", others.Select(o => $"'{o.Header}'"))} {(others.Count == 1 ? "is" : "are")} not "
            + $"used: {why}.");
        foreach (var other in others)
        {
            _notes[other.Column] = $"not used: '{chosen.Header}' is {what} ({why})";
        }

        return preferred;
    }

    private static int[] CreateFallbacks()
    {
        var fallbacks = new int[ColumnAliases.Keys.Count];
        Array.Fill(fallbacks, -1);
        return fallbacks;
    }

    private void UserAndObjectId(int[] indexOf)
    {
        var (user, objectId) = (indexOf[(int)RowField.User], indexOf[(int)RowField.ObjectId]);
        if (objectId < 0)
        {
            return;
        }

        if (user < 0)
        {
            // Object ids alone: the user column, as always.
            (indexOf[(int)RowField.User], indexOf[(int)RowField.ObjectId]) = (objectId, -1);
            return;
        }

        var (upnHeader, idHeader) = (Header(user), Header(objectId));
        Said.Add($"'{idHeader}' addresses each user and '{upnHeader}' names them: a row whose object id belongs to another user is Invalid "
            + $"(ObjectIdMismatch).");
        _notes[objectId] = $"addresses the user named in '{upnHeader}'";
    }

    private void PhoneNumberWithoutType(int[] indexOf)
    {
        var number = indexOf[(int)RowField.PhoneNumber];
        if (number < 0 || indexOf[(int)RowField.PhoneType] >= 0)
        {
            return;
        }

        indexOf[(int)RowField.PhoneNumber] = -1;
        var header = Header(number);
        // The phone a method's column declares PhoneNumber stands for beside another column (Office: beside the mobile).
        var phone = ColumnAliases.MethodColumns.FirstOrDefault(c => c.NumberBeside is { } beside
            && indexOf[(int)ColumnAliases.FieldOf(beside)] >= 0 && indexOf[(int)ColumnAliases.FieldOf(c)] < 0);
        if (phone is not null)
        {
            indexOf[(int)ColumnAliases.FieldOf(phone)] = number;
            var (target, besideMethod) = (ColumnAliases.MethodOf(phone), ColumnAliases.MethodOf(phone.NumberBeside!));
            var beside = $"the {besideMethod.Name} column '{Header(indexOf[(int)ColumnAliases.FieldOf(phone.NumberBeside!)])}'";
            Said.Add($"'{header}' is {target.Noun}: the file has no PhoneType column (so it is not the long form), and beside {beside} " +
                "it is the business phone, as in Microsoft 365's export.");
            _notes[number] = $"{target.Noun} (no PhoneType column; beside {beside})";
            return;
        }

        SetAside(number, $"'{header}' is not used: without a PhoneType column it does not say which phone it is; add PhoneType (mobile, "
            + $"alternateMobile, office), or name the column MobilePhone or OfficePhone.");
    }

    private bool HoldsPhones(Candidate c)
    {
        var stats = sample.Of(c.Column);
        if (!ColumnAliases.NeedsPhoneEvidence(c.Field, c.Alias) || stats.Phones > 0 || sample.Records == 0)
        {
            return true;
        }

        var what = stats.Example is null ? $"'{c.Header}' is empty in the first {sample.Records} rows" : $"'{c.Header}' holds {Like(c)}, not phone numbers";
        SetAside(c, $"{what}: it is not used as {ColumnAliases.KeyOf(c.Field)}.");
        return false;
    }

    private void SetAside(Candidate c, string sentence) => SetAside(c.Column, sentence);

    private void SetAside(int column, string sentence)
    {
        Said.Add(sentence);
        _notes[column] = sentence;
    }

    private string Like(Candidate c) => sample.Of(c.Column).Example is { } example ? $"values like '{example}'" : $"nothing in its first {sample.Records} rows";

    private string Header(int column) => candidates.First(c => c.Column == column).Header;
}
