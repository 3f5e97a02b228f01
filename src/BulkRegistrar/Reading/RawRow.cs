namespace BulkRegistrar.Reading;

/// <summary>
/// One input record as read from the file, before any validation. Cells are trimmed; a column
/// absent from the file or an empty cell is <c>null</c>. <see cref="Line"/> is the physical line
/// where the record starts (multi-line quoted fields, blank lines and a <c>sep=</c> line count).
/// </summary>
/// <param name="Malformed">Why the record could not be read faithfully (stray or unterminated quote,
/// too many fields…), or null. A malformed row is reported, never processed.</param>
/// <param name="LineCount">The physical lines the record spans: more than 1 only for a quoted cell
/// with line breaks in it.</param>
internal sealed record RawRow(
    int Line,
    string? User,
    string? Mobile = null,
    string? AlternateMobile = null,
    string? Office = null,
    string? Email = null,
    string? Region = null,
    string? SmsSignIn = null,
    string? PhoneNumber = null,
    string? PhoneType = null,
    string? Action = null,
    string? Malformed = null,
    int LineCount = 1)
{
    /// <summary>IssueTap cell: issue a Temporary Access Pass (true/false); the Tap* cells shape it.</summary>
    public string? IssueTap { get; init; }

    public string? TapStart { get; init; }

    public string? TapLifetimeMinutes { get; init; }

    public string? TapUsableOnce { get; init; }

    /// <summary>ResetPassword cell (true/false). Never a password: a new password never comes from the CSV.</summary>
    public string? ResetPassword { get; init; }

    /// <summary>The object id cell when the file also has a UPN column (<see cref="User"/>): it addresses the user, the UPN names them.</summary>
    public string? ObjectId { get; init; }
}
