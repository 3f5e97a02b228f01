using PhoneNumbers;

namespace BulkRegistrar.Validation;

/// <summary>
/// Turns one phone cell into Graph's <c>+CC NSN[xEXT]</c> form, or says in one sentence what is
/// wrong with it. Rules and category names follow <c>TestData/phone-normalization.csv</c>.
/// Thread-safe and allocation-light: it runs once per phone cell of a million-row file.
/// </summary>
/// <param name="allowVanityNumbers"><c>Phone:AllowVanityNumbers</c>: read letters as keypad digits (1-800-FLOWERS)
/// instead of refusing them as <see cref="ErrorCodes.LettersInNumber"/>.</param>
internal sealed class PhoneNormalizer(bool allowVanityNumbers = false)
{
    /// <summary>libphonenumber's metadata is large and its instance caches its patterns; one per process.</summary>
    internal static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>What people put between two numbers in one cell (<see cref="SeveralNumbers"/>).</summary>
    private static readonly char[] NumberSeparators = [';', ',', '/', '|', '&', '\n', '\r'];

    /// <param name="input">The trimmed cell, never empty.</param>
    /// <param name="region">Row Region cell, else the run's default; needed only without a <c>+</c>.</param>
    /// <param name="phoneType">Which phone: only one that takes an extension (<see cref="ICellRules.TakesExtension"/>, the office
    /// phone) may have one, and a fixed line on the others is a landline worth a warning.</param>
    public Verdict Normalize(string input, string? region, MethodKind phoneType) => Normalize(input, region, phoneType, out _);

    /// <param name="type">What libphonenumber made of the number (<c>UNKNOWN</c> when it is not a valid one),
    /// kept for some errors too: the row validator tells a landline on the mobile column by it.</param>
    public Verdict Normalize(string input, string? region, MethodKind phoneType, out PhoneNumberType type)
    {
        type = PhoneNumberType.UNKNOWN;
        var text = PlainSpaces(StripTelScheme(input));
        var firstSignificant = FirstDigitOrPlus(text);
        if (firstSignificant < 0 || text[firstSignificant] is '+' or '＋' && !HasDigit(text))
        {
            return Verdict.Fail(ErrorCodes.NotAPhoneNumber, PhoneMessages.NotAPhoneNumber);
        }

        var international = text[firstSignificant] is '+' or '＋';
        switch (ScientificNotation.TryRecover(text, out var recovered))
        {
            case ScientificNotation.Kind.Recovered:
                text = recovered;
                break;
            case ScientificNotation.Kind.DigitsLost:
                return Verdict.Fail(ErrorCodes.ScientificNotation, PhoneMessages.ScientificNotation);
        }

        // After scientific notation, whose E is the one letter a number may come with from a spreadsheet.
        var letters = PhoneLetters.Classify(text);
        if (letters == PhoneLetters.Kind.Letters)
        {
            if (!allowVanityNumbers || PhoneLetters.ToKeypadDigits(text) is not { } keypad)
            {
                return Verdict.Fail(ErrorCodes.LettersInNumber, PhoneMessages.LettersInNumber);
            }

            text = keypad;
        }

        string? regionCode = null;
        if (!international)
        {
            if (string.IsNullOrEmpty(region))
            {
                // Without a region "00" is still unambiguous enough: it is the international prefix
                // almost everywhere, and no country's national numbers start with it.
                if (!StartsWithDoubleZero(text, firstSignificant))
                {
                    return Verdict.Fail(ErrorCodes.MissingRegion, PhoneMessages.MissingRegion);
                }

                text = string.Concat("+", text.AsSpan(firstSignificant + 2));
            }
            else if (RegionCodes.TryResolve(region, out var resolved))
            {
                regionCode = resolved;
            }
            else
            {
                return Verdict.Fail(ErrorCodes.InvalidRegion, RegionCodes.InvalidMessage(region));
            }
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(text, regionCode);
        }
        catch (NumberParseException ex)
        {
            // Only reached for text that has digits but not a number's shape: rare, so the cost of
            // the exception does not matter on the hot path.
            return ex.ErrorType == ErrorType.NOT_A_NUMBER
                ? Verdict.Fail(ErrorCodes.NotAPhoneNumber, SeveralNumbers(text) ? PhoneMessages.SeveralNumbers : PhoneMessages.NotAPhoneNumber)
                : Verdict.Fail(ErrorCodes.InvalidNumber, PhoneMessages.ParseFailure(ex.ErrorType));
        }

        // A marker libphonenumber did not take as an extension was read as keypad digits.
        if (letters == PhoneLetters.Kind.ExtensionMarker && !number.HasExtension)
        {
            return Verdict.Fail(ErrorCodes.LettersInNumber, PhoneMessages.LettersInNumber);
        }

        // GetNumberType is UNKNOWN exactly when IsValidNumber is false; calling both would match
        // the number against the metadata twice (the dominant cost).
        type = Util.GetNumberType(number);
        if (type == PhoneNumberType.UNKNOWN)
        {
            return Verdict.Fail(ErrorCodes.InvalidNumber, PhoneMessages.Invalid(number.CountryCode));
        }

        if (IsUnsupported(type))
        {
            return Verdict.Fail(ErrorCodes.UnsupportedNumberType, PhoneMessages.Unsupported(type));
        }

        var takesExtension = MethodRegistry<ICellRules>.Find(phoneType) is { TakesExtension: true };
        if (number.HasExtension && !takesExtension)
        {
            return Verdict.Fail(ErrorCodes.ExtensionNotAllowed, PhoneMessages.ExtensionNotAllowed);
        }

        var nsn = Util.GetNationalSignificantNumber(number);
        var graph = number.HasExtension
            ? $"+{number.CountryCode} {nsn}x{ExtensionDigits(number)}"
            : $"+{number.CountryCode} {nsn}";
        var warning = type == PhoneNumberType.FIXED_LINE && !takesExtension
            ? PhoneMessages.LandlineOnMobile
            : null;
        return Verdict.Ok(graph, warning);
    }

    /// <summary>Types no person answers an MFA call or SMS on, or that cost the caller extra.</summary>
    internal static bool IsUnsupported(PhoneNumberType type) => type is PhoneNumberType.TOLL_FREE
        or PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST or PhoneNumberType.UAN
        or PhoneNumberType.VOICEMAIL or PhoneNumberType.PAGER;

    private static string StripTelScheme(string input) =>
        input.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? input[4..].TrimStart() : input;

    private static int FirstDigitOrPlus(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '+' or '＋' || char.IsDigit(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A parsed number's extension in ASCII digits ("" without one): libphonenumber reads digits of any script (Arabic-Indic,
    /// Persian, fullwidth) in the number, but keeps an extension's as written.
    /// </summary>
    internal static string ExtensionDigits(PhoneNumber number) => number.HasExtension ? PhoneNumberUtil.NormalizeDigitsOnly(number.Extension) : "";

    /// <summary>
    /// Every space character as a plain space: French formatting groups digits with a narrow no-break space (U+202F, what .NET
    /// itself writes for fr-FR), typesetting with thin or figure spaces, and libphonenumber takes none of them between digits.
    /// </summary>
    private static string PlainSpaces(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return text; // the usual cell: nothing to look at
        }

        return string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.GetUnicodeCategory(source[i]) == System.Globalization.UnicodeCategory.SpaceSeparator ? ' ' : source[i];
            }
        });
    }

    /// <summary>
    /// Two numbers in one cell, as people list them ("+44 7400 123465 / +44 7400 123466", "…; …"): at least two parts between
    /// separators with six digits or more each. Asked only of a cell libphonenumber has refused, so a German area code written
    /// with a slash (0170/1234567) never gets here.
    /// </summary>
    private static bool SeveralNumbers(string text)
    {
        var numbers = 0;
        foreach (var part in text.Split(NumberSeparators))
        {
            if (part.Count(char.IsDigit) >= 6 && ++numbers == 2)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithDoubleZero(string text, int start) =>
        start + 1 < text.Length && text[start] is '0' or '０' && text[start + 1] is '0' or '０';
}
