using System.Text.RegularExpressions;
using PhoneNumbers;
using LibFormat = PhoneNumbers.PhoneNumberFormat;

namespace GraphEmulator.State;

/// <summary>
/// Graph's documented phone form "+{cc} {subscriber}[x{ext}]" with the space required
/// (docs/graph-behaviour.md §1.1 [doc]). The exact server regex is unknown; this one is an [emu] choice:
/// country code 1–3 digits not starting with 0, subscriber 4–15 digits, extension 1–10 digits.
/// Methods registered elsewhere (portal, user self-service) can hold other forms, so a seed may
/// store those, and the emulator compares numbers by their parsed value, never by text.
/// </summary>
internal static partial class PhoneNumberFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    /// <summary>A form Graph may return for a number registered elsewhere: '+', digits, spaces, brackets, hyphens, optional x-extension.</summary>
    public static bool IsStoredForm(string? number) => number is not null && (IsValid(number) || StoredPattern().IsMatch(number));

    /// <summary>
    /// The parsed value: E.164 plus extension ("+447400123456x12"). "+44 07400123456" (trunk zero),
    /// "+1 (425) 555-0100" and "+14255550100" all equal their documented form.
    /// </summary>
    public static string Canonical(string number)
    {
        try
        {
            var parsed = Util.Parse(number, null);
            var e164 = Util.Format(parsed, LibFormat.E164);
            return parsed.HasExtension ? e164 + "x" + parsed.Extension : e164;
        }
        catch (NumberParseException)
        {
            return "+" + new string([.. number.Where(c => char.IsAsciiDigit(c) || c == 'x')]);
        }
    }

    public static bool SameNumber(string a, string b) => a == b || Canonical(a) == Canonical(b);

    /// <summary>
    /// [emu] strict: how a seeded number registered elsewhere is stored — as given, without the space
    /// ("+447400123456"), or in the national style ("+44 07400123456" with the trunk zero where the
    /// country dials one, "+1 (425) 555-0100" for NANP). Only variants that parse to the same value are used.
    /// </summary>
    public static string Variant(string number, double draw)
    {
        if (draw < 1.0 / 3 || !IsValid(number) || number.Contains('x', StringComparison.Ordinal))
        {
            return number;
        }

        var space = number.IndexOf(' ', StringComparison.Ordinal);
        var (cc, subscriber) = (number[..space], number[(space + 1)..]);
        var candidate = draw < 2.0 / 3 ? cc + subscriber
            : cc == "+1" && subscriber.Length == 10 ? $"+1 ({subscriber[..3]}) {subscriber[3..6]}-{subscriber[6..]}"
            : $"{cc} 0{subscriber}";
        return Canonical(candidate) == Canonical(number) ? candidate : cc + subscriber;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{0,2} [0-9]{4,15}(x[0-9]{1,10})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\+[0-9][0-9 ()\-]{3,24}(x[0-9]{1,10})?$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredPattern();
}
