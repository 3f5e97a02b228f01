using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// First pass over the file: which users appear on more than one line, and on which lines.
/// A row's duplicate verdict can depend on a later line ("every one of them is Invalid"), so the
/// whole file has to be seen once before any row is judged; this pass keeps only hashes and line numbers
/// (12 bytes a row while it runs, then only the repeated users), however wide the rows are.
/// </summary>
internal sealed class DuplicateIndex
{
    private readonly Dictionary<ulong, List<int>> _groups;

    private DuplicateIndex(Dictionary<ulong, List<int>> groups, long rowCount) => (_groups, RowCount) = (groups, rowCount);

    /// <summary>Every row the first pass read, malformed ones included.</summary>
    public long RowCount { get; }

    public static DuplicateIndex Build(IEnumerable<RawRow> rows)
    {
        // Every user's fingerprint and line in two flat arrays, sorted once at the end so that a repeated user's lines
        // sit side by side. Measured on a million users (docs/benchmarks.md, issue 22): 2.4–3× faster than the hash table of
        // first lines it replaces (a cache miss per row into ≈ 30 MB), 12 MB instead of ≈ 30 MB live, a third of the bytes
        // allocated. Only the repeated users are kept afterwards.
        var hashes = new ulong[1024];
        var lines = new int[1024];
        var (users, count) = (0, 0L);
        foreach (var row in rows)
        {
            count++;
            if (row.User is null || row.Malformed is not null)
            {
                continue;
            }

            if (users == hashes.Length)
            {
                Array.Resize(ref hashes, users * 2);
                Array.Resize(ref lines, users * 2);
            }

            (hashes[users], lines[users]) = (UserKey.Fingerprint(row.User), row.Line);
            users++;
        }

        Array.Sort(hashes, lines, 0, users);
        var groups = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < users;)
        {
            var end = i + 1;
            while (end < users && hashes[end] == hashes[i])
            {
                end++;
            }

            if (end - i > 1)
            {
                var group = new List<int>(lines.AsSpan(i, end - i).ToArray());
                group.Sort(); // the sort above is not stable: the group's lines in file order
                groups[hashes[i]] = group;
            }

            i = end;
        }

        return new DuplicateIndex(groups, count);
    }

    /// <summary>The lines (ascending) of the group this user belongs to, or null when the user appears once.</summary>
    public IReadOnlyList<int>? LinesOf(string user) => _groups.GetValueOrDefault(UserKey.Fingerprint(user));
}
