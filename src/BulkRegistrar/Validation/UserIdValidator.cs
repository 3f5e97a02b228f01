using System.Globalization;

namespace BulkRegistrar.Validation;

/// <summary>
/// Accepts a user principal name (<c>local@domain</c>, guests as <c>…#EXT#@tenant.onmicrosoft.com</c>)
/// or an object id GUID. The user id becomes a URL path segment (<c>/users/{id}/…</c>), and the
/// Graph SDK un-escapes batch step URLs, so anything that could add a path segment, start a query
/// or fragment, or be decoded twice is refused here rather than trusted to escaping.
/// </summary>
internal static class UserIdValidator
{
    /// <summary>Entra ID's documented limit for a user principal name.</summary>
    private const int MaxUpnLength = 113;
    private const string GuestMarker = "#EXT#";

    public static Verdict Validate(string? user)
    {
        if (string.IsNullOrEmpty(user))
        {
            return Verdict.Fail(ErrorCodes.MissingUser,
                "The user column is empty; fill in the user's UPN (name@domain) or object id, or remove the row.");
        }

        if (Guid.TryParseExact(user, "D", out _))
        {
            return Verdict.Ok(user);
        }

        if (SpreadsheetFormula.StartsWithTrigger(user))
        {
            return Fail($"starts with '{user[0]}', which a spreadsheet runs as a formula and no user principal name starts with");
        }

        foreach (var c in user)
        {
            if (Problem(c) is { } problem)
            {
                return Fail(problem);
            }
        }

        var at = user.IndexOf('@');
        if (at < 0)
        {
            return Fail("is neither a user principal name (name@domain) nor an object id (a GUID like 4f1d2c3b-8a9e-4b7c-9d10-2e3f4a5b6c7d)");
        }

        if (user.IndexOf('@', at + 1) >= 0)
        {
            return Fail("contains more than one '@'");
        }

        var local = user.AsSpan(0, at);
        if (local.EndsWith(GuestMarker, StringComparison.OrdinalIgnoreCase))
        {
            local = local[..^GuestMarker.Length];
        }

        if (local.Contains('#'))
        {
            return Fail("contains '#' outside the '#EXT#@' guest marker; '#' would cut the Graph URL short");
        }

        if (local.IsEmpty || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return Fail("has an empty name before '@' or a misplaced '.' in it");
        }

        var domain = user.AsSpan(at + 1);
        if (!IsDomain(domain))
        {
            return Fail("has no valid domain after '@' (expected something like contoso.com)");
        }

        return user.Length > MaxUpnLength
            ? Fail($"is longer than the {MaxUpnLength} characters a user principal name may have")
            : Verdict.Ok(user);
    }

    /// <summary>The reason one character can never be in a user id, or null when it may be.</summary>
    private static string? Problem(char c) => c switch
    {
        '/' => "contains '/', which would add a segment to the Graph URL path",
        '\\' => "contains '\\', which some URL parsers treat as '/'",
        '?' => "contains '?', which would start a query string in the Graph URL",
        '%' => "contains '%', which the Graph SDK decodes a second time in batch requests",
        _ when char.IsControl(c) => $"contains the control character U+{(int)c:X4} (often a pasted tab or line break)",
        _ when char.IsWhiteSpace(c) => "contains a space; user principal names have none",
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format =>
            $"contains the invisible character U+{(int)c:X4} (zero-width or text-direction mark, often pasted from a web page)",
        _ when c > '\u007e' => $"contains '{c}'; user principal names are plain ASCII (check for a look-alike letter)",
        '"' or '<' or '>' or ',' or ';' or ':' or '(' or ')' or '[' or ']' or '*' or '|' =>
            $"contains '{c}', which a user principal name cannot contain",
        _ => null,
    };

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length < 3 || domain[0] is '.' or '-' || domain[^1] is '.' or '-'
            || !domain.Contains('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in domain)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static Verdict Fail(string reason) =>
        Verdict.Fail(ErrorCodes.InvalidUser, $"The user id {reason}; write the user's UPN (name@domain) or object id.");
}
