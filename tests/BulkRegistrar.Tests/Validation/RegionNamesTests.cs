using System.Globalization;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

/// <summary>Country names in a region column, from ISO 3166's English names and CLDR's names as .NET (ICU) carries them.</summary>
public sealed class RegionNamesTests
{
    [Theory]
    [InlineData("United Kingdom", "GB")]
    [InlineData("france", "FR")]
    [InlineData("Deutschland", "DE")]
    [InlineData("Germany", "DE")]
    [InlineData("Österreich", "AT")]
    [InlineData("Cote d'Ivoire", "CI")]
    [InlineData("United States", "US")]
    [InlineData("USA", "US")]
    [InlineData("Nederland", "NL")]
    [InlineData("Schweiz", "CH")]
    [InlineData("Suisse", "CH")]
    public void A_whole_country_name_resolves_to_its_region(string name, string region)
    {
        Assert.True(RegionCodes.TryResolve(name, out var resolved));
        Assert.Equal(region, resolved);
    }

    [Theory]
    [InlineData("Korea, Republic of", "KR")] // ISO 3166's short names, as ISO-minded HR and ERP systems export them
    [InlineData("Korea, Democratic People's Republic of", "KP")]
    [InlineData("Iran (Islamic Republic of)", "IR")]
    [InlineData("Congo, The Democratic Republic of the", "CD")]
    [InlineData("Republic of the Congo", "CG")]
    [InlineData("Russian Federation", "RU")]
    [InlineData("Virgin Islands, British", "VG")]
    [InlineData("Virgin Islands, U.S.", "VI")]
    [InlineData("Myanmar", "MM")] // CLDR alone knows only "Myanmar (Burma)"
    [InlineData("Hong Kong", "HK")] // and "Hong Kong SAR China"
    [InlineData("United Kingdom of Great Britain and Northern Ireland", "GB")]
    [InlineData("The Netherlands", "NL")] // "the", wherever it stands, names no other country
    [InlineData("Netherlands, The", "NL")]
    [InlineData("Bahamas (the)", "BS")]
    [InlineData("Saint Lucia", "LC")] // CLDR writes "St. Lucia"
    [InlineData("St Kitts and Nevis", "KN")] // and "St. Kitts & Nevis"
    [InlineData("Bosnia and Herzegovina", "BA")]
    [InlineData("UAE", "AE")]
    [InlineData("U.S.", "US")] // was refused as part of "U.S. Virgin Islands" and "U.S. Outlying Islands"
    [InlineData("Ivory Coast", "CI")]
    [InlineData("Republic of Korea", "KR")] // was refused as "could be KP (Democratic People's Republic of Korea)" alone
    [InlineData("Democratic Republic of the Congo", "CD")]
    public void An_ISO_name_or_a_common_form_of_one_resolves_to_its_region(string name, string region)
    {
        Assert.True(RegionCodes.TryResolve(name, out var resolved));
        Assert.Equal(region, resolved);
    }

    [Fact]
    public void A_name_in_a_region_cell_normalises_a_national_number()
    {
        var result = new PhoneNormalizer().Normalize("0151 22334455", "Deutschland", MethodKind.Mobile);

        Assert.Equal("+49 15122334455", result.Value);
    }

    [Theory]
    [InlineData("Congo", "CG (Congo - Brazzaville)", "CD (Congo - Kinshasa)")]
    [InlineData("Korea", "KP (North Korea)", "KR (South Korea)")]
    public void Part_of_several_names_is_InvalidRegion_naming_the_choices(string name, string first, string second)
    {
        Assert.False(RegionCodes.TryResolve(name, out _));
        var message = RegionCodes.InvalidMessage(name);

        Assert.Contains(first, message, StringComparison.Ordinal);
        Assert.Contains(second, message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InvalidRegion, new PhoneNormalizer().Normalize("0151 22334455", name, MethodKind.Mobile).Error);
    }

    [Fact]
    public void No_two_regions_share_a_name_this_machine_knows()
    {
        var names = new RegionNames(CultureInfo.GetCultures(CultureTypes.SpecificCultures));

        Assert.True(names.Available);
        Assert.Empty(names.Shared);
        Assert.Empty(new RegionNames([CultureInfo.InvariantCulture]).Shared);
        Assert.True(names.TryResolve("Brasil", out var brazil));
        Assert.Equal("BR", brazil);
        Assert.Empty(names.Choices("Narnia"));
    }

    [Fact]
    public void Under_invariant_globalization_only_ISO_names_resolve_and_the_message_says_why_others_do_not()
    {
        var none = new RegionNames([CultureInfo.InvariantCulture]);

        Assert.False(none.Available);
        Assert.True(none.TryResolve("Germany", out var germany));
        Assert.Equal("DE", germany);
        Assert.True(none.TryResolve("Korea, Republic of", out var korea));
        Assert.Equal("KR", korea);
        Assert.True(none.TryResolve("Russia", out var russia)); // a form neither list has: still known without ICU
        Assert.Equal("RU", russia);
        Assert.False(none.TryResolve("Deutschland", out _));
        Assert.Contains("invariant globalization", RegionCodes.InvalidMessage("Deutschland", none), StringComparison.Ordinal);
        Assert.DoesNotContain("invariant", RegionCodes.InvalidMessage("XX", none), StringComparison.Ordinal);
    }
}
