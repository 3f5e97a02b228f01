namespace BulkRegistrar.Validation;

/// <summary>
/// Masks phone numbers before they reach the console or a log: enough to recognise a number you
/// are holding (<c>+44 79** ***456</c>), not enough to dial it or to re-identify a person from a log.
/// </summary>
internal static class PhoneMask
{
    /// <summary>
    /// Graph form <c>+CC NSN[xEXT]</c> → country code, the first 2 and last 3 NSN digits. Shorter
    /// numbers keep less (so at least half is always hidden). An extension is shown only as
    /// <c>x**</c>: it says there is one without leaking its length. Anything not in Graph form
    /// falls back to <see cref="MaskRaw"/>.
    /// </summary>
    public static string Mask(string? graphNumber)
    {
        if (string.IsNullOrEmpty(graphNumber))
        {
            return "";
        }

        var space = graphNumber.IndexOf(' ');
        var ext = graphNumber.IndexOf('x');
        var nsnEnd = ext < 0 ? graphNumber.Length : ext;
        if (graphNumber[0] != '+' || space < 2 || space > 4 || nsnEnd <= space + 1
            || !AllAsciiDigits(graphNumber.AsSpan(1, space - 1))
            || !AllAsciiDigits(graphNumber.AsSpan(space + 1, nsnEnd - space - 1))
            || (ext >= 0 && !AllAsciiDigits(graphNumber.AsSpan(ext + 1))))
        {
            return MaskRaw(graphNumber);
        }

        var nsn = graphNumber.AsSpan(space + 1, nsnEnd - space - 1);
        var (head, tail) = nsn.Length switch
        {
            >= 9 => (2, 3),
            >= 7 => (1, 2),
            >= 4 => (0, 2),
            _ => (0, 0),
        };
        var masked = string.Concat(nsn[..head], new string('*', nsn.Length - head - tail), nsn[^tail..]);

        // A space before the last six characters, as in "+44 79** ***456": groups keep it readable
        // without hinting at the original grouping.
        if (masked.Length > 6)
        {
            masked = string.Concat(masked.AsSpan(0, masked.Length - 6), " ", masked.AsSpan(masked.Length - 6));
        }

        return string.Concat(graphNumber.AsSpan(0, space + 1), masked, ext >= 0 ? "x**" : "");
    }

    /// <summary>
    /// Any raw cell (possibly not a number at all, possibly hostile): keeps at most the last two
    /// digits, and only when there are at least six, so nothing else of the cell — letters,
    /// control characters, formula text — reaches a log.
    /// </summary>
    public static string MaskRaw(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        var digitCount = 0;
        char last = '\0', beforeLast = '\0';
        foreach (var c in input)
        {
            if (char.IsDigit(c))
            {
                digitCount++;
                beforeLast = last;
                last = c;
            }
        }

        return digitCount >= 6 ? string.Concat("***", beforeLast.ToString(), last.ToString()) : "***";
    }

    private static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }
}
