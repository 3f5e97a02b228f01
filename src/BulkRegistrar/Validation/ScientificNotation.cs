namespace BulkRegistrar.Validation;

/// <summary>
/// Undoes Excel's habit of showing a long number as <c>4.47911123456E+11</c>. The text in the
/// cell is all we get, so a number is recovered only when every digit is still there: the
/// mantissa has exactly exponent + 1 digits. <c>1.20655E+10</c> means Excel already dropped
/// five digits; padding with zeros would register someone else's phone, so that is refused.
/// Hand-written rather than a regex: it runs on every phone cell.
/// </summary>
internal static class ScientificNotation
{
    internal enum Kind
    {
        NotScientific,
        Recovered,
        DigitsLost,
    }

    public static Kind TryRecover(string s, out string digits)
    {
        digits = "";
        var e = s.IndexOfAny(['E', 'e']);
        if (e < 1 || e > 32 || !char.IsAsciiDigit(s[0]))
        {
            return Kind.NotScientific;
        }

        // Mantissa: d[.ddd] or d[,ddd] (comma where Excel runs in a European locale).
        var fractionStart = 1;
        if (e > 1)
        {
            if (s[1] is not ('.' or ','))
            {
                return Kind.NotScientific;
            }

            fractionStart = 2;
        }

        for (var i = fractionStart; i < e; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return Kind.NotScientific;
            }
        }

        var exponent = s.AsSpan(e + 1);
        var negative = exponent.Length > 0 && exponent[0] == '-';
        if (exponent.Length > 0 && exponent[0] is '+' or '-')
        {
            exponent = exponent[1..];
        }

        if (exponent.Length is 0 or > 2 || !char.IsAsciiDigit(exponent[0]) || (exponent.Length == 2 && !char.IsAsciiDigit(exponent[1])))
        {
            return Kind.NotScientific;
        }

        var power = int.Parse(exponent, System.Globalization.CultureInfo.InvariantCulture);
        var fractionDigits = e - fractionStart;
        if (negative || fractionDigits != power)
        {
            return Kind.DigitsLost;
        }

        digits = string.Concat(s.AsSpan(0, 1), s.AsSpan(fractionStart, fractionDigits));
        return Kind.Recovered;
    }
}
