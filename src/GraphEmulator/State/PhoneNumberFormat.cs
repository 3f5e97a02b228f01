using System.Text.RegularExpressions;

namespace GraphEmulator.State;

/// <summary>
/// Graph's documented phone form "+{cc} {subscriber}[x{ext}]" with the space required
/// (graph-contract §1.1 [doc]). The exact server regex is unknown; this one is an [emu] choice:
/// country code 1–3 digits not starting with 0, subscriber 4–15 digits, extension 1–10 digits.
/// </summary>
internal static partial class PhoneNumberFormat
{
    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9][0-9]{0,2} [0-9]{4,15}(x[0-9]{1,10})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
