namespace BulkRegistrar.Validation;

/// <summary>
/// What one cell's text came to, whichever checker judged it (user id, e-mail, phone number): the value
/// to use — Graph's form — or a stable category from <see cref="ErrorCodes"/> with a sentence telling a
/// person what to change. A usable value may carry a warning (a landline on a mobile column).
/// </summary>
internal readonly record struct Verdict(string? Value, string? Error = null, string? Message = null, string? Warning = null)
{
    public bool IsValid => Error is null;

    public static Verdict Ok(string value, string? warning = null) => new(value, Warning: warning);

    public static Verdict Fail(string error, string message) => new(null, error, message);
}
