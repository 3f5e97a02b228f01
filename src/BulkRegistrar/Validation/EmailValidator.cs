using System.Globalization;
using System.Net.Mail;

namespace BulkRegistrar.Validation;

/// <summary>
/// Syntax check for the Email column (the SSPR alternate address). MailAddress alone accepts far
/// too much for a CSV cell — display names (<c>Ann &lt;a@b.com&gt;</c>), comments, dotless
/// domains — so the stricter rules run first and MailAddress only confirms the rest.
/// </summary>
internal static class EmailValidator
{
    public static Verdict Validate(string email)
    {
        if (SpreadsheetFormula.StartsWithTrigger(email))
        {
            return Fail($"starts with '{email[0]}', which a spreadsheet runs as a formula");
        }

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return Fail("contains a space or a control character");
            }

            // As for user ids: a zero-width space, soft hyphen or direction mark makes an address that looks
            // like name@example.com on every screen but is another one, to which no reset code would arrive.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return Fail($"contains the invisible character U+{(int)c:X4} (zero-width, soft hyphen or text-direction mark, often pasted from a web page)");
            }

            if (c is '<' or '>' or '"' or '(' or ')' or ',' or ';')
            {
                return Fail($"contains '{c}'; write the bare address only, without a display name or a second address");
            }
        }

        var at = email.IndexOf('@');
        if (at < 0 || email.IndexOf('@', at + 1) >= 0)
        {
            return Fail("must contain exactly one '@'");
        }

        var domain = email.AsSpan(at + 1);
        if (domain.Length < 3 || !domain.Contains('.') || domain[0] is '.' or '-' || domain[^1] is '.' or '-'
            || domain.Contains("..", StringComparison.Ordinal))
        {
            return Fail("needs a domain with a dot after '@', like contoso.com");
        }

        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length != 0)
        {
            return Fail("is not a valid e-mail address");
        }

        // The domain is case-insensitive by definition; the local part is left as typed because
        // the receiving server may, in theory, care.
        return Verdict.Ok(string.Concat(email.AsSpan(0, at + 1), domain.ToString().ToLowerInvariant()));
    }

    private static Verdict Fail(string reason) =>
        Verdict.Fail(ErrorCodes.InvalidEmail,
            $"The Email column {reason}; write one address such as name@example.com, or leave it empty.");
}
