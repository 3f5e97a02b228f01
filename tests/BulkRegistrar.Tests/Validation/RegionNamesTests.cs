using System.Globalization;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

/// <summary>Country names in a region column, from CLDR's names as .NET (ICU) carries them.</summary>
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
        Assert.True(names.TryResolve("Brasil", out var brazil));
        Assert.Equal("BR", brazil);
        Assert.Empty(names.Choices("Narnia"));
    }

    [Fact]
    public void Under_invariant_globalization_no_name_resolves_and_the_message_says_why()
    {
        var none = new RegionNames([CultureInfo.InvariantCulture]);

        Assert.False(none.Available);
        Assert.False(none.TryResolve("Germany", out _));
        Assert.Contains("invariant globalization", RegionCodes.InvalidMessage("Germany", none), StringComparison.Ordinal);
        Assert.DoesNotContain("invariant", RegionCodes.InvalidMessage("XX", none), StringComparison.Ordinal);
    }
}
