using System.Collections.Frozen;
using PhoneNumbers;

namespace BulkRegistrar.Validation;

/// <summary>
/// Turns a Region cell (or <c>--region</c>) into a region libphonenumber knows. Accepted: an ISO
/// 3166 alpha-2 code in any case (<c>gb</c>), an alpha-3 code (<c>GBR</c>, <see cref="Alpha3"/>), <c>UK</c> for GB (people write it; ISO reserves it
/// for exactly that), <c>EL</c> for GR (the European Union's code for Greece), a country calling code (<c>44</c>, <c>+44</c>) because the column is
/// also read from <c>CountryCode</c>, which HR exports fill either way, and a whole country name
/// ("United Kingdom", "Deutschland", "Korea, Republic of": <see cref="RegionNames"/>, ISO 3166's and CLDR's names). Part of a name is not
/// guessed: "Congo" or "Korea" are refused with the regions they could be, since a wrong guess silently
/// registers a wrong number.
/// </summary>
internal static class RegionCodes
{
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
            return $"Region '{input}' looks like a country name but is not one of ISO 3166's English names, and names in other forms or languages " +
                "cannot be read here: .NET runs with invariant globalization (no ICU). Write an ISO 3166 two-letter code such as GB, US or DE in the " +
                "Region column (or --region).";
        }

        return $"Region '{input}' is not a country this tool knows; write an ISO 3166 two-letter code such as GB, US or DE in the Region column (or --region).";
    }

    /// <summary>
    /// ISO 3166-1 alpha-3 codes (<c>GBR</c>, <c>DEU</c>) of the regions libphonenumber knows, as HR systems export countries
    /// (Workday's country reference ids are alpha-3). A table rather than <c>RegionInfo</c>, which needs ICU: codes must read the
    /// same under invariant globalization. Taken from CLDR (ICU's <c>RegionInfo.ThreeLetterISORegionName</c>), plus ESH (Western
    /// Sahara), which ICU lacks; Ascension (AC) and Tristan da Cunha (TA) are only exceptionally reserved alpha-2 codes with no
    /// alpha-3, and Kosovo's XKK is the user-assigned code in common use.
    /// </summary>
    internal static readonly FrozenDictionary<string, string> Alpha3 = Pairs(
        "ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASMAS ATGAG AUSAU AUTAT AZEAZ BDIBI BELBE BENBJ BESBQ BFABF BGDBD "
        + "BGRBG BHRBH BHSBS BIHBA BLMBL BLRBY BLZBZ BMUBM BOLBO BRABR BRBBB BRNBN BTNBT BWABW CAFCF CANCA CCKCC CHECH CHLCL CHNCN CIVCI "
        + "CMRCM CODCD COGCG COKCK COLCO COMKM CPVCV CRICR CUBCU CUWCW CXRCX CYMKY CYPCY CZECZ DEUDE DJIDJ DMADM DNKDK DOMDO DZADZ ECUEC "
        + "EGYEG ERIER ESHEH ESPES ESTEE ETHET FINFI FJIFJ FLKFK FRAFR FROFO FSMFM GABGA GBRGB GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM "
        + "GNBGW GNQGQ GRCGR GRDGD GRLGL GTMGT GUFGF GUMGU GUYGY HKGHK HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN IOTIO IRLIE IRNIR IRQIQ "
        + "ISLIS ISRIL ITAIT JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH KIRKI KNAKN KORKR KWTKW LAOLA LBNLB LBRLR LBYLY LCALC LIELI "
        + "LKALK LSOLS LTULT LUXLU LVALV MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH MKDMK MLIML MLTMT MMRMM MNEME MNGMN MNPMP "
        + "MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA NCLNC NERNE NFKNF NGANG NICNI NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM "
        + "PAKPK PANPA PERPE PHLPH PLWPW PNGPG POLPL PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QATQA REURE ROURO RUSRU RWARW SAUSA SDNSD SENSN "
        + "SGPSG SHNSH SJMSJ SLBSB SLESL SLVSV SMRSM SOMSO SPMPM SRBRS SSDSS STPST SURSR SVKSK SVNSI SWESE SWZSZ SXMSX SYCSC SYRSY TCATC "
        + "TCDTD TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TONTO TTOTT TUNTN TURTR TUVTV TWNTW TZATZ UGAUG UKRUA URYUY USAUS UZBUZ VATVA VCTVC "
        + "VENVE VGBVG VIRVI VNMVN VUTVU WLFWF WSMWS XKKXK YEMYE ZAFZA ZMBZM ZWEZW ");

    // After Alpha3: static fields are initialised in the order they are written.
    private static readonly FrozenDictionary<string, string> Known = BuildKnown();

    private static FrozenDictionary<string, string> Pairs(string pairs) => pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(p => p[..3], p => p[3..], StringComparer.OrdinalIgnoreCase);

    private static FrozenDictionary<string, string> BuildKnown()
    {
        var map = PhoneNumberUtil.GetInstance().GetSupportedRegions()
            .ToDictionary(r => r, r => r, StringComparer.OrdinalIgnoreCase);
        map["UK"] = "GB";
        map["EL"] = "GR"; // the European Union's code for Greece (Eurostat, the EU's own systems); it names no other region
        foreach (var (alpha3, region) in Alpha3)
        {
            map[alpha3] = region;
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
