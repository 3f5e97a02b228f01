namespace BulkRegistrar.Validation;

/// <summary>
/// The verdict on one free-text cell (user id, e-mail): the value to use, or a stable error
/// category with a sentence telling a person what to change.
/// </summary>
internal readonly record struct FieldCheck(string? Normalized, string? Error, string? Message)
{
    public bool IsValid => Error is null;

    public static FieldCheck Ok(string normalized) => new(normalized, null, null);

    public static FieldCheck Fail(string error, string message) => new(null, error, message);
}
