using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

/// <summary>Region cells given as codes: ISO 3166 alpha-2, alpha-3 (as Workday and other HR systems export countries), calling codes.</summary>
public sealed class RegionCodesTests
{
    [Theory]
    [InlineData("GBR", "GB")]
    [InlineData("deu", "DE")]
    [InlineData("FRA", "FR")]
    [InlineData("USA", "US")]
    [InlineData("CHE", "CH")]
    [InlineData("IRL", "IE")]
    [InlineData("ESH", "EH")]
    public void A_region_given_as_an_ISO_alpha_3_code_is_its_country(string code, string region)
    {
        Assert.True(RegionCodes.TryResolve(code, out var resolved));
        Assert.Equal(region, resolved);
    }

    [Fact]
    public void Every_alpha_3_code_names_a_region_the_phone_library_knows_and_no_two_codes_share_one()
    {
        var regions = PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions();

        Assert.All(RegionCodes.Alpha3, pair => Assert.Contains(pair.Value, regions));
        Assert.Equal(RegionCodes.Alpha3.Count, RegionCodes.Alpha3.Values.Distinct().Count());
        Assert.True(RegionCodes.Alpha3.Count >= 240, $"{RegionCodes.Alpha3.Count} codes");
    }

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("el", "GR")] // the European Union's code for Greece: it was refused as "could be SV (El Salvador)"
    public void The_codes_people_and_the_EU_write_for_GB_and_GR_are_those_countries(string code, string region)
    {
        Assert.True(RegionCodes.TryResolve(code, out var resolved));
        Assert.Equal(region, resolved);
    }

    [Fact]
    public void A_national_number_with_an_alpha_3_region_is_normalised()
    {
        Assert.Equal("+33 612345678", new PhoneNormalizer().Normalize("06 12 34 56 78", "FRA", MethodKind.Mobile).Value);
    }

    [Theory]
    [InlineData("GBX")]
    [InlineData("ZZZ")]
    public void Three_letters_that_are_no_alpha_3_code_are_refused(string code)
    {
        Assert.False(RegionCodes.TryResolve(code, out _));
    }
}
