using PhoneNumbers;

namespace BulkRegistrar.Validation;

/// <summary>
/// The verdict on one phone cell. <see cref="Normalized"/> is Graph's <c>+CC NSN[xEXT]</c> form
/// when usable; otherwise <see cref="Error"/> is a category from <see cref="ErrorCodes"/>.
/// <see cref="NumberType"/> is kept even for some errors so callers can explain them, and so the
/// row validator can tell a landline on the mobile column (SMS sign-in impossible).
/// </summary>
internal sealed record PhoneResult(
    string? Normalized,
    PhoneNumberType NumberType,
    string? Error = null,
    string? Message = null,
    string? Warning = null)
{
    public bool IsValid => Error is null;

    public static PhoneResult Fail(string error, string message, PhoneNumberType type = PhoneNumberType.UNKNOWN)
        => new(null, type, error, message);
}
