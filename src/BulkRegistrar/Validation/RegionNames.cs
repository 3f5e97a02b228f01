using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace BulkRegistrar.Validation;

/// <summary>
/// Country names in a region column ("United Kingdom", "France", "Deutschland", "Korea, Republic of") as the region they
/// name: ISO 3166-1's English names (<c>Iso3166Names.txt</c>: short, official and common name of every country, how HR and
/// ERP systems that follow ISO export them), and CLDR's territory names as .NET carries them (ICU): every region's English
/// name and its name in each of its own languages (<see cref="RegionInfo.EnglishName"/>, <see cref="RegionInfo.NativeName"/>
/// of every specific culture). Case, accents, spaces, punctuation, "the", "and" ("&amp;") and "St" for "Saint" do not
/// matter. Only a whole name resolves; a part of one ("Congo", "Korea") is refused with the names it could be, since a
/// wrong guess silently registers a wrong number. Under invariant globalization (no ICU) .NET knows no names: only the ISO
/// names and <see cref="Extra"/> resolve, and any other name is refused with a sentence saying so (docs/input-formats.md).
/// </summary>
internal sealed class RegionNames
{
    // Names neither list has (or CLDR lists only as alternatives) that exports and people write; each is unambiguous.
    private static readonly (string Name, string Region)[] Extra =
    [
        ("USA", "US"), ("U.S.", "US"), ("UK", "GB"), ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"),
        ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"), ("Czech Republic", "CZ"), ("Slovak Republic", "SK"),
        ("Kyrgyz Republic", "KG"), ("UAE", "AE"), ("Ivory Coast", "CI"), ("Swaziland", "SZ"), ("East Timor", "TL"), ("Burma", "MM"),
        ("Holland", "NL"), ("Netherlands (Kingdom of the)", "NL"), ("Republic of Ireland", "IE"), ("Hong Kong SAR", "HK"),
        ("Macau", "MO"), ("Korea, South", "KR"), ("Korea, North", "KP"), ("Republic of Korea", "KR"), ("Democratic Republic of the Congo", "CD"),
        ("DR Congo", "CD"), ("Holy See", "VA"), ("Vatican City", "VA"), ("Palestine", "PS"), ("Russia", "RU"), ("Turkey", "TR"), ("Brunei", "BN"),
        ("Cape Verde", "CV"), ("Micronesia", "FM"), ("Kosovo", "XK"), ("Falkland Islands", "FK"), ("Saint Martin", "MF"), ("Sint Maarten", "SX"),
    ];

    /// <summary>Words that never tell two countries apart ("The Gambia", "Bahamas (the)", "Bosnia and Herzegovina").</summary>
    private static readonly string[] Filler = ["the", "and"];

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
        names.AddRange(Iso3166().Select(e => (Key(e.Name), e.Region, e.Name)));
        names.AddRange(Extra.Select(e => (Key(e.Name), e.Region, e.Name)));

        _names = [.. names.Where(n => n.Key.Length > 0).DistinctBy(n => (n.Key, n.Region))];
        // A key two regions share (none with ICU 72's CLDR and the ISO list) resolves to neither: it is listed as a choice instead.
        var byKey = _names.GroupBy(n => n.Key).ToList();
        Shared = [.. byKey.Where(g => g.Select(n => n.Region).Distinct().Count() > 1).Select(g => g.Key)];
        _regionOf = byKey.Where(g => !Shared.Contains(g.Key)).ToFrozenDictionary(g => g.Key, g => g.First().Region, StringComparer.Ordinal);
    }

    /// <summary>Names (as compared) that two regions share, so that neither resolves by them; a test expects none.</summary>
    internal IReadOnlyList<string> Shared { get; }

    /// <summary>The names this machine's .NET knows.</summary>
    public static RegionNames Current => Installed.Value;

    /// <summary>False under invariant globalization: .NET then knows no country names (the ISO names still resolve).</summary>
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

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. words.Where(w => !Filler.Contains(w)).Select(w => w == "st" ? "saint" : w)];
    }

    /// <summary>ISO 3166-1's English names, from the embedded <c>Iso3166Names.txt</c> (its header says where they come from).</summary>
    private static List<(string Name, string Region)> Iso3166()
    {
        using var stream = typeof(RegionNames).Assembly.GetManifestResourceStream("BulkRegistrar.Validation.Iso3166Names.txt")
            ?? throw new InvalidOperationException("Iso3166Names.txt is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var names = new List<(string Name, string Region)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            names.AddRange(fields.Skip(1).Select(name => (name, fields[0])));
        }

        return names;
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
