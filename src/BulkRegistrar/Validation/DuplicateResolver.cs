namespace BulkRegistrar.Validation;

/// <summary>
/// Second pass: applies the duplicate rules to validated rows in file order. Rows of a repeated
/// user are held until the user's last line arrives, then released together:
/// - two rows giving the same method different values (or actions) → every row of that user is
///   <c>DuplicateUser</c>, because no single desired state can be trusted;
/// - a method repeated with the same value → the later one is <c>DuplicateRow</c> (skipped);
/// - different methods on different rows (the long <c>PhoneNumber,PhoneType</c> form) merge.
/// Rows with a row-level error (bad user, malformed record) take no part and pass straight through.
/// </summary>
internal sealed class DuplicateResolver(DuplicateIndex index)
{
    private readonly Dictionary<int, List<ValidatedRow>> _held = []; // keyed by the group's last line

    public IEnumerable<UserRows> Accept(ValidatedRow row)
    {
        var lines = row.User is null ? null : index.LinesOf(row.User);
        if (lines is null)
        {
            return [new UserRows([new JudgedRow(row)])];
        }

        var last = lines[^1];
        if (!_held.TryGetValue(last, out var held))
        {
            _held[last] = held = [];
        }

        held.Add(row);
        if (row.Line < last)
        {
            return [];
        }

        _held.Remove(last);
        return Judge(held);
    }

    /// <summary>Releases anything still held (only when the file changed between the passes).</summary>
    public IEnumerable<UserRows> Finish()
    {
        var rest = _held.Values.SelectMany(Judge).ToList();
        _held.Clear();
        return rest;
    }

    private static IEnumerable<UserRows> Judge(List<ValidatedRow> rows)
    {
        // A hash group may hold different users (collision) and rows with row-level errors.
        foreach (var loner in rows.Where(r => r.RowError is not null))
        {
            yield return new UserRows([new JudgedRow(loner)]);
        }

        foreach (var user in rows.Where(r => r.RowError is null).GroupBy(r => UserKey.Of(r.User!)))
        {
            yield return JudgeUser(user.ToList());
        }
    }

    private static UserRows JudgeUser(List<ValidatedRow> rows)
    {
        var firstSeen = new Dictionary<MethodKind, (string Key, int Line)>();
        // Rows that address the user by different object ids cannot both be right.
        var conflict = rows.Select(r => r.ObjectId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Skip(1).Any();
        var duplicates = new Dictionary<int, Dictionary<MethodKind, int>>();
        foreach (var row in rows)
        {
            foreach (var m in row.Methods)
            {
                var key = $"{row.Action}|{m.Normalized ?? "\0" + m.Input}";
                if (!firstSeen.TryGetValue(m.Method, out var seen))
                {
                    firstSeen[m.Method] = (key, row.Line);
                }
                else if (seen.Key == key)
                {
                    (duplicates.TryGetValue(row.Line, out var d) ? d : duplicates[row.Line] = [])[m.Method] = seen.Line;
                }
                else
                {
                    conflict = true;
                }
            }
        }

        if (conflict)
        {
            var all = rows.Select(r => r.Line).ToList();
            return new UserRows(rows.Select(r => new JudgedRow(r, ConflictLines: all.Where(l => l != r.Line).ToList())).ToList());
        }

        return new UserRows(rows.Select(r => new JudgedRow(r, DuplicateOf: duplicates.GetValueOrDefault(r.Line))).ToList());
    }
}
