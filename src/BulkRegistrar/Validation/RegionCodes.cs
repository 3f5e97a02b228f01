using System.Collections.Frozen;
using PhoneNumbers;

namespace BulkRegistrar.Validation;

/// <summary>
/// Turns a Region cell (or <c>--region</c>) into a region libphonenumber knows. Accepted: an ISO
/// 3166 alpha-2 code in any case (<c>gb</c>), <c>UK</c> for GB (people write it; ISO reserves it
/// for exactly that), a country calling code (<c>44</c>, <c>+44</c>) because the column is
/// also read from <c>CountryCode</c>, which HR exports fill either way, and a whole country name
/// ("United Kingdom", "Deutschland": <see cref="RegionNames"/>, CLDR's names). Part of a name is not
/// guessed: "Congo" or "Korea" are refused with the regions they could be, since a wrong guess silently
/// registers a wrong number.
/// </summary>
internal static class RegionCodes
{
    private static readonly FrozenDictionary<string, string> Known = BuildKnown();

    /// <summary>True when <paramref name="input"/> names a region; <paramref name="region"/> is
    /// then the upper-case alpha-2 code libphonenumber expects.</summary>
    public static bool TryResolve(string? input, out string region)
    {
        region = "";
        if (string.IsNullOrEmpty(input))
        {
            return false;
        }

        if (Known.TryGetValue(input, out var known))
        {
            region = known;
            return true;
        }

        var digits = input.AsSpan().TrimStart('+');
        if (digits.Length is > 0 and <= 3 && int.TryParse(digits, out var callingCode))
        {
            // "001" is libphonenumber's pseudo-region for non-geographic codes (+800…): no real
            // country, so it cannot stand for one.
            var main = PhoneNormalizer.Util.GetRegionCodeForCountryCode(callingCode);
            if (main is not ("ZZ" or "001"))
            {
                region = main;
                return true;
            }
        }

        return RegionNames.Current.TryResolve(input, out region);
    }

    public static string InvalidMessage(string input) => InvalidMessage(input, RegionNames.Current);

    internal static string InvalidMessage(string input, RegionNames names)
    {
        var choices = names.Choices(input);
        if (choices.Count > 0)
        {
            return $"Region '{input}' could be {string.Join(", ", choices.Take(choices.Count - 1))}{(choices.Count > 1 ? " or " : "")}{choices[^1]}; " +
                "write the two-letter code of the one you mean in the Region column (or --region).";
        }

        if (!names.Available && input.Length > 3 && input.Any(char.IsLetter))
        {
            return $"Region '{input}' looks like a country name, and country names cannot be read here: .NET runs with invariant globalization " +
                "(no ICU), so it knows no names. Write an ISO 3166 two-letter code such as GB, US or DE in the Region column (or --region).";
        }

        return $"Region '{input}' is not a country this tool knows; write an ISO 3166 two-letter code such as GB, US or DE in the Region column (or --region).";
    }

    private static FrozenDictionary<string, string> BuildKnown()
    {
        var map = PhoneNumberUtil.GetInstance().GetSupportedRegions()
            .ToDictionary(r => r, r => r, StringComparer.OrdinalIgnoreCase);
        map["UK"] = "GB";
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
