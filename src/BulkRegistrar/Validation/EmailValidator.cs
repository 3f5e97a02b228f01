using System.Buffers;
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
    /// <summary>Characters of a display name (<c>Ann &lt;a@b.com&gt;</c>), a comment or a list of addresses.</summary>
    private static readonly SearchValues<char> NotInAPlainAddress = SearchValues.Create("<>\"(),;");

    public static Verdict Validate(string email)
    {
        // A link copied from a signature or a web page carries its scheme, as a phone cell may carry tel:.
        if (email.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            email = email[7..].TrimStart();
        }

        if (SpreadsheetFormula.StartsWithTrigger(email))
        {
            return Fail($"starts with '{email[0]}', which a spreadsheet runs as a formula");
        }

        // Before the space check: in "Megan <megan@example.com>" the display name is the problem, its space only a symptom.
        if (email.AsSpan().IndexOfAny(NotInAPlainAddress) is var special and >= 0)
        {
            return Fail($"contains '{email[special]}'; write the bare address only, without a display name or a second address");
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
        }

        var at = email.IndexOf('@');
        if (at < 0 || email.IndexOf('@', at + 1) >= 0)
        {
            return Fail("must contain exactly one '@'");
        }

        var domain = email.AsSpan(at + 1);
        // MailAddress takes a host's address in brackets (x@[192.0.2.1]) or bare; no recovery code reaches a person there,
        // and a cell holding one is a test value or a mistake, so it is named rather than passed on to Graph.
        if (domain.StartsWith('[') || IsIpAddress(domain))
        {
            return Fail("has an IP address as its domain; write an address at a domain name, like contoso.com");
        }

        if (domain.Length < 3 || !domain.Contains('.'))
        {
            return Fail("needs a domain with a dot after '@', like contoso.com");
        }

        if (domain[^1] == '.')
        {
            return Fail("ends with a dot after its domain; remove the last '.'");
        }

        if (domain[0] is '.' or '-' || domain[^1] == '-' || domain.Contains("..", StringComparison.Ordinal))
        {
            return Fail("has a '.' or '-' out of place in its domain (at its start or end, or two dots in a row); write the domain like contoso.com");
        }

        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length != 0)
        {
            return Fail("is not a valid e-mail address");
        }

        // The domain is case-insensitive by definition; the local part is left as typed because
        // the receiving server may, in theory, care.
        return Verdict.Ok(string.Concat(email.AsSpan(0, at + 1), domain.ToString().ToLowerInvariant()));
    }

    /// <summary>A domain whose last label is all digits: no top-level domain is, so it is an IPv4 address (192.0.2.1).</summary>
    private static bool IsIpAddress(ReadOnlySpan<char> domain)
    {
        var last = domain[(domain.LastIndexOf('.') + 1)..];
        return !last.IsEmpty && !last.ContainsAnyExceptInRange('0', '9');
    }

    private static Verdict Fail(string reason) =>
        Verdict.Fail(ErrorCodes.InvalidEmail,
            $"The Email column {reason}; write one address such as name@example.com, or leave it empty.");
}
