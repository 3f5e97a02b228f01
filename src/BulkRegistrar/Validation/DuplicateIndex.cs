using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// First pass over the file: which users appear on more than one line, and on which lines.
/// A row's duplicate verdict can depend on a later line ("every one of them is Invalid"), so the
/// whole file has to be seen once before any row is judged; this pass keeps only hashes, so
/// memory stays flat-ish (≈30 MB per million distinct users) however wide the rows are.
/// </summary>
internal sealed class DuplicateIndex
{
    private readonly Dictionary<ulong, List<int>> _groups;

    private DuplicateIndex(Dictionary<ulong, List<int>> groups, long rowCount) => (_groups, RowCount) = (groups, rowCount);

    /// <summary>Every row the first pass read, malformed ones included.</summary>
    public long RowCount { get; }

    public static DuplicateIndex Build(IEnumerable<RawRow> rows)
    {
        var firstLine = new Dictionary<ulong, int>();
        var groups = new Dictionary<ulong, List<int>>();
        long count = 0;
        foreach (var row in rows)
        {
            count++;
            if (row.User is null || row.Malformed is not null)
            {
                continue;
            }

            var h = UserKey.Fingerprint(row.User);
            if (!firstLine.TryAdd(h, row.Line))
            {
                if (!groups.TryGetValue(h, out var lines))
                {
                    groups[h] = lines = [firstLine[h]];
                }

                lines.Add(row.Line);
            }
        }

        return new DuplicateIndex(groups, count);
    }

    /// <summary>The lines (ascending) of the group this user belongs to, or null when the user appears once.</summary>
    public IReadOnlyList<int>? LinesOf(string user) => _groups.GetValueOrDefault(UserKey.Fingerprint(user));
}
