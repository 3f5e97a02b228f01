namespace BulkRegistrar.Validation;

/// <summary>
/// The verdict on one method cell of a row: the one value a cell has from validation through planning
/// to its audit record. <see cref="Error"/> is a stable category (<c>InvalidNumber</c>,
/// <c>MissingRegion</c>…) or null when the cell is usable.
/// </summary>
/// <param name="Normalized">Graph form (<c>+CC NSN[xEXT]</c>) for phones, the address for e-mail (domain
/// lower-cased), <c>enable</c>/<c>disable</c> for SMS sign-in;
/// null when invalid, and null on a valid <see cref="RowAction.Remove"/> check whose cell names no value
/// (<c>*</c>, <c>any</c>): "remove whatever is registered".</param>
internal sealed record MethodCheck(
    MethodKind Method,
    string? Input,
    string? Normalized,
    string? Error = null,
    string? Message = null,
    string? Warning = null)
{
    public bool IsValid => Error is null;

    /// <summary>
    /// Not acted on although nothing is wrong with the cell itself (<see cref="ErrorCodes.DuplicateRow"/>,
    /// <see cref="ErrorCodes.MobileNotRegistered"/>): the audit says <c>Skipped</c>, not <c>Invalid</c>.
    /// </summary>
    public bool Skipped { get; init; }

    /// <summary>
    /// A credential the row itself gives (a hardware token's secret key), carried to the write and nowhere else: no audit
    /// field, log or message takes it. <see cref="Input"/> is what the audit shows of the cell instead.
    /// </summary>
    public string? Secret { get; init; }

    public static MethodCheck Of(MethodKind method, string? input, Verdict verdict) =>
        new(method, input, verdict.Value, verdict.Error, verdict.Message, verdict.Warning);

    /// <summary>A row-level problem (bad user, malformed record, nothing to do) as the row's one cell, method <c>none</c>.</summary>
    public static MethodCheck ForRow(string error, string? message) => new(MethodKind.None, null, null, error, message);

    /// <summary>Settled by a rule beyond the cell (another row, the row's mobile) without being wrong in itself.</summary>
    public MethodCheck Skip(string error, string message) => this with { Error = error, Message = message, Skipped = true };
}
