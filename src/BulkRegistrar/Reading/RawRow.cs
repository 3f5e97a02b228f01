namespace BulkRegistrar.Reading;

/// <summary>
/// One input record as read from the file, before any validation. Cells are trimmed; a column
/// absent from the file or an empty cell is <c>null</c>. <see cref="Line"/> is the physical line
/// where the record starts (multi-line quoted fields, blank lines and a <c>sep=</c> line count).
/// The row's own cells are members; each method's are in <see cref="Cells"/>, read by column (<c>row[column]</c>).
/// </summary>
/// <param name="Malformed">Why the record could not be read faithfully (stray or unterminated quote,
/// too many fields…), or null. A malformed row is reported, never processed.</param>
/// <param name="LineCount">The physical lines the record spans: more than 1 only for a quoted cell
/// with line breaks in it.</param>
internal sealed record RawRow(
    int Line,
    string? User,
    string? Region = null,
    string? PhoneNumber = null,
    string? PhoneType = null,
    string? Action = null,
    string? Malformed = null,
    int LineCount = 1)
{
    /// <summary>The cells of the methods' columns (a phone, the e-mail, IssueTap…; never a password: none comes from the CSV).</summary>
    public MethodCells Cells { get; init; } = MethodCells.Empty;

    public string? this[MethodColumn column] => Cells[ColumnAliases.SlotOf(column)];

    public RawRow With(MethodColumn column, string? value) => this with { Cells = Cells.With(ColumnAliases.SlotOf(column), value) };

    /// <summary>The object id cell when the file also has a UPN column (<see cref="User"/>): it addresses the user, the UPN names them.</summary>
    public string? ObjectId { get; init; }
}
