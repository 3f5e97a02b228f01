using PhoneNumbers;

namespace BulkRegistrar.Methods.Phones;

/// <summary>
/// Whether two phone numbers are the same line. Graph returns numbers as they were stored, and a
/// method registered elsewhere (the portal, PowerShell, the user) may be stored as
/// <c>+44 07400123456</c> (trunk zero kept), <c>+1 (425) 555-0100</c> or <c>+14255550100</c>
/// (docs/emulator.md, stored number variants): comparing text would call those a conflict and, with
/// <c>--on-conflict update</c>, rewrite a correct registration. libphonenumber parses both sides into
/// country code, national number (trunk prefix removed) and extension, and those are compared.
/// </summary>
internal static class SameNumber
{
    private static PhoneNumberUtil Util => Validation.PhoneNormalizer.Util;

    public static bool Equal(string wanted, string existing)
    {
        if (TryParse(wanted) is { } a && TryParse(existing) is { } b)
        {
            // The significant number as text: NationalNumber is an integer and would drop Italy's leading zero.
            return a.CountryCode == b.CountryCode
                && Util.GetNationalSignificantNumber(a) == Util.GetNationalSignificantNumber(b)
                && Validation.PhoneNormalizer.ExtensionDigits(a) == Validation.PhoneNormalizer.ExtensionDigits(b);
        }

        // Not parseable as an international number: the digits (and an extension marker) must match.
        return string.Equals(Digits(wanted), Digits(existing), StringComparison.Ordinal);
    }

    /// <summary>
    /// The number in Graph's canonical form (<c>+CC NSN</c>, <c>xEXT</c> for an extension) when it parses,
    /// else as given: what export writes, so a file taken from a tenant whose numbers were stored in other
    /// forms reads the same everywhere.
    /// </summary>
    public static string? Canonical(string? number)
    {
        if (number is null || TryParse(number) is not { } parsed)
        {
            return number;
        }

        var cc = parsed.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var extension = Validation.PhoneNormalizer.ExtensionDigits(parsed) is { Length: > 0 } e ? "x" + e : "";
        return $"+{cc} {Util.GetNationalSignificantNumber(parsed)}{extension}";
    }

    private static PhoneNumber? TryParse(string number)
    {
        var text = number.Trim();
        if (!text.StartsWith('+'))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(text, null);
            // "+44 07400…": a trunk zero after the country code is not part of the national number.
            var national = Util.GetNationalSignificantNumber(parsed);
            if (national.StartsWith('0') && !Util.IsValidNumber(parsed))
            {
                parsed = Util.Parse("+" + parsed.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + national.TrimStart('0')
                    + (parsed.HasExtension ? " x" + parsed.Extension : ""), null);
            }

            return parsed;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string Digits(string s) =>
        new(s.ToLowerInvariant().Where(c => char.IsAsciiDigit(c) || c == 'x').ToArray());
}
