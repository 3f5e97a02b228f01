namespace BulkRegistrar.Reading;

/// <summary>
/// A column a method reads from the file, declared by the method's description (<c>Methods/</c>): its <c>Csv:Columns</c>
/// key and the headers it is known by out of the box. The reader knows only the row's own columns (<see cref="RowField"/>);
/// a method's cells reach it as <see cref="RawRow"/>'s <c>this[column]</c>.
/// </summary>
internal sealed class MethodColumn(string key, params string[] aliases)
{
    public string Key { get; } = key;

    /// <summary>The default aliases, kept identical to the shipped appsettings.json so the tool behaves the same without it.</summary>
    public IReadOnlyList<string> Aliases { get; } = aliases;

    /// <summary>
    /// A phone column: matched by a header that does not say phone ("Office" in Microsoft 365's export is a place), it is read
    /// only when its first cells hold phone numbers (<see cref="ColumnRules"/>).
    /// </summary>
    public bool Phone { get; init; }

    /// <summary>
    /// The column beside which a PhoneNumber column with no PhoneType column is this one, when the file has no column of
    /// its own for it (Microsoft 365's export writes the business phone as PhoneNumber beside MobilePhone); or null.
    /// </summary>
    public MethodColumn? NumberBeside { get; init; }

    /// <summary>
    /// A column the tool never reads because of what it would hold (a QR code PIN: secrets never come from the input CSV): a file
    /// with it is refused whole, before any row is read, with this sentence (<c>{0}</c> is the file's name); null for a column that is read.
    /// </summary>
    public string? RefusedBecause { get; init; }

    public override string ToString() => Key;
}

/// <summary>The cells of a row's method columns, in <see cref="ColumnAliases.MethodColumns"/> order; equal when every cell is.</summary>
internal sealed class MethodCells : IEquatable<MethodCells>
{
    private readonly string?[] _cells;

    private MethodCells(string?[] cells) => _cells = cells;

    /// <summary>A row without any method cell.</summary>
    public static MethodCells Empty { get; } = new([]);

    public string? this[int slot] => slot < _cells.Length ? _cells[slot] : null;

    /// <summary>Whether every method cell of the row is empty.</summary>
    public bool IsEmpty => Array.TrueForAll(_cells, c => c is null);

    /// <param name="cells">Indexed by slot; the array is kept, not copied.</param>
    public static MethodCells Of(string?[] cells) => Array.TrueForAll(cells, c => c is null) ? Empty : new MethodCells(cells);

    public MethodCells With(int slot, string? value)
    {
        var cells = new string?[Math.Max(_cells.Length, slot + 1)];
        _cells.CopyTo(cells, 0);
        cells[slot] = value;
        return Of(cells);
    }

    public bool Equals(MethodCells? other)
    {
        if (other is null)
        {
            return false;
        }

        for (var i = 0; i < Math.Max(_cells.Length, other._cells.Length); i++)
        {
            if (this[i] != other[i])
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as MethodCells);

    public override int GetHashCode() => _cells.Count(c => c is not null);

    public override string ToString() =>
        string.Join(", ", _cells.Select((c, i) => (c, i)).Where(p => p.c is not null).Select(p => $"{ColumnAliases.MethodColumns[p.i].Key} = {p.c}"));
}
