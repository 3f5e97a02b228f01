using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace BulkRegistrar.Validation;

/// <summary>
/// Country names in a region column ("United Kingdom", "France", "Deutschland") as the region they name,
/// from CLDR's territory names as .NET carries them (ICU): every region's English name and its name in
/// each of its own languages (<see cref="RegionInfo.EnglishName"/>, <see cref="RegionInfo.NativeName"/> of
/// every specific culture). Case, accents, spaces and punctuation do not matter. Only a whole name
/// resolves; a part of one ("Congo", "Korea") is refused with the names it could be, since a wrong guess
/// silently registers a wrong number. Under invariant globalization (no ICU) .NET knows no names: the
/// table is empty and a name is refused with a sentence saying so (docs/input-formats.md).
/// </summary>
internal sealed class RegionNames
{
    // Names CLDR lists only as alternatives (or not at all) that exports and people write; each is unambiguous.
    private static readonly (string Name, string Region)[] Extra =
    [
        ("USA", "US"), ("U.S.A.", "US"), ("United States of America", "US"),
        ("Great Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("Czech Republic", "CZ"),
    ];

    private static readonly Lazy<RegionNames> Installed = new(() => new RegionNames(CultureInfo.GetCultures(CultureTypes.SpecificCultures)));

    private readonly FrozenDictionary<string, string> _regionOf;
    private readonly (string Key, string Region, string Name)[] _names;

    /// <param name="cultures">The cultures whose regions and names to know (all of .NET's, or none under invariant globalization).</param>
    public RegionNames(IEnumerable<CultureInfo> cultures)
    {
        var names = new List<(string Key, string Region, string Name)>();
        foreach (var culture in cultures)
        {
            if (culture.Name.Length == 0)
            {
                continue; // the invariant culture names no region
            }

            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            var code = region.TwoLetterISORegionName;
            if (code.Length == 2 && char.IsAsciiLetter(code[0]))
            {
                names.Add((Key(region.EnglishName), code, region.EnglishName));
                names.Add((Key(region.NativeName), code, region.NativeName));
            }
        }

        Available = names.Count > 0;
        if (Available)
        {
            names.AddRange(Extra.Select(e => (Key(e.Name), e.Region, e.Name)));
        }

        _names = [.. names.Where(n => n.Key.Length > 0).DistinctBy(n => (n.Key, n.Region))];
        // A key two regions share (none in CLDR today) resolves to neither: it is listed as a choice instead.
        _regionOf = _names.GroupBy(n => n.Key).Where(g => g.Select(n => n.Region).Distinct().Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.First().Region, StringComparer.Ordinal);
    }

    /// <summary>The names this machine's .NET knows.</summary>
    public static RegionNames Current => Installed.Value;

    /// <summary>False under invariant globalization: .NET then knows no country names.</summary>
    public bool Available { get; }

    public bool TryResolve(string name, out string region) => _regionOf.TryGetValue(Key(name), out region!);

    /// <summary>The regions whose names contain <paramref name="name"/> as whole words ("Congo": CG, CD), as "CG (Congo - Brazzaville)".</summary>
    public IReadOnlyList<string> Choices(string name)
    {
        var words = Words(name);
        if (words.Length == 0)
        {
            return [];
        }

        return [.. _names.Where(n => ContainsWords(Words(n.Name), words)).GroupBy(n => n.Region).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({g.First().Name})")];
    }

    /// <summary>Lower-case letters and digits without accents: "Côte d’Ivoire" and "cote d'ivoire" are one name.</summary>
    private static string Key(string name) => string.Concat(Words(name));

    private static string[] Words(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c is not ('\'' or '’'))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool ContainsWords(string[] name, string[] words)
    {
        for (var i = 0; i + words.Length <= name.Length; i++)
        {
            if (name.AsSpan(i, words.Length).SequenceEqual(words))
            {
                return true;
            }
        }

        return false;
    }
}
