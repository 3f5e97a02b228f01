using System.Collections.Frozen;
using System.Text;

namespace BulkRegistrar.Validation;

/// <summary>
/// The letters of a phone cell. libphonenumber reads three or more letters as keypad digits (and drops fewer),
/// so a placeholder such as <c>07400 XXXXXX</c> or <c>+44 7400 123 ABC</c> would become a valid number of a
/// stranger, who then receives the new hire's sign-in codes. A letter is therefore allowed only as the one
/// extension marker libphonenumber understands (<c>ext. 123</c>, <c>x123</c>, <c>;ext=123</c>) — or, with
/// <c>Phone:AllowVanityNumbers</c>, as a vanity number's keypad letter (<c>1-800-FLOWERS</c>).
/// </summary>
internal static class PhoneLetters
{
    internal enum Kind
    {
        /// <summary>No letter at all: the common case.</summary>
        None,

        /// <summary>One extension marker after the number, followed by the extension's digits.</summary>
        ExtensionMarker,

        /// <summary>Any other letter: a placeholder, a note, or a vanity number.</summary>
        Letters,
    }

    // The words libphonenumber's extension pattern accepts (e?xt(ensión)?n?, full-width forms, anexo, int, доб).
    private static readonly FrozenSet<string> Markers = new[]
    {
        "x", "xt", "xtn", "ext", "extn", "extension", "extensión", "ｘ", "ｘｔ", "ｘｔｎ", "ｅｘｔ", "ｅｘｔｎ", "anexo", "int", "доб",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static Kind Classify(string text)
    {
        if (!HasLetter(text))
        {
            return Kind.None; // without an allocation: this runs on every phone cell
        }

        var kind = Kind.None;
        foreach (var (start, length) in Runs(text))
        {
            if (kind != Kind.None || !IsMarker(text, start, length))
            {
                return Kind.Letters; // a second word, or a word that is not a marker in a marker's place
            }

            kind = Kind.ExtensionMarker;
        }

        return kind;
    }

    /// <summary>
    /// A vanity number with each Latin letter as its keypad digit (ABC = 2 … WXYZ = 9), an extension marker
    /// kept as it is; null when a letter has no key (another script).
    /// </summary>
    public static string? ToKeypadDigits(string text)
    {
        var builder = new StringBuilder(text);
        foreach (var (start, length) in Runs(text))
        {
            if (IsMarker(text, start, length))
            {
                continue;
            }

            for (var i = start; i < start + length; i++)
            {
                if (Keypad(text[i]) is not { } digit)
                {
                    return null;
                }

                builder[i] = digit;
            }
        }

        return builder.ToString();
    }

    private static char? Keypad(char c) => char.ToUpperInvariant(c) switch
    {
        >= 'A' and <= 'C' => '2',
        >= 'D' and <= 'F' => '3',
        >= 'G' and <= 'I' => '4',
        >= 'J' and <= 'L' => '5',
        >= 'M' and <= 'O' => '6',
        >= 'P' and <= 'S' => '7',
        >= 'T' and <= 'V' => '8',
        >= 'W' and <= 'Z' => '9',
        _ => null,
    };

    /// <summary>A marker word with a digit before it (the number) and only the extension's digits after it.</summary>
    private static bool IsMarker(string text, int start, int length)
    {
        if (!Markers.Contains(text.Substring(start, length)) || !HasDigit(text.AsSpan(0, start)))
        {
            return false;
        }

        var rest = text.AsSpan(start + length);
        return HasDigit(rest) && !HasLetter(rest);
    }

    private static IEnumerable<(int Start, int Length)> Runs(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLetter(text[i]))
            {
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            yield return (start, i - start);
        }
    }

    private static bool HasDigit(ReadOnlySpan<char> text)
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

    private static bool HasLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }
}
