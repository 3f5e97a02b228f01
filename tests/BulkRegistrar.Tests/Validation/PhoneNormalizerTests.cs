using BulkRegistrar.Audit;
using BulkRegistrar.Validation;
using PhoneNumbers;

namespace BulkRegistrar.Tests.Validation;

public class PhoneNormalizerTests
{
    private readonly PhoneNormalizer _normalizer = new();

    [Fact]
    public void Italian_number_keeps_its_leading_zero()
    {
        var result = _normalizer.Normalize("06 1234 5678", "IT", MethodKind.Office, out var type);

        Assert.Equal("+39 0612345678", result.Value);
        Assert.Equal(PhoneNumberType.FIXED_LINE, type);
    }

    [Fact]
    public void Italian_trunk_zero_in_brackets_is_part_of_the_number()
    {
        Assert.Equal("+39 0612345678", _normalizer.Normalize("+39 (0)6 1234 5678", null, MethodKind.Office).Value);
    }

    [Fact]
    public void Guernsey_range_07911_is_valid_with_region_GB()
    {
        var result = _normalizer.Normalize("07911 123456", "GB", MethodKind.Mobile, out var type);

        Assert.Equal("+44 7911123456", result.Value);
        Assert.Equal(PhoneNumberType.MOBILE, type);
        Assert.Null(result.Warning);
    }

    [Theory]
    [InlineData("Mobile")]
    [InlineData("AlternateMobile")]
    public void Landline_on_a_mobile_column_is_valid_with_a_voice_only_warning(string column)
    {
        var result = _normalizer.Normalize("020 7946 0018", "GB", Enum.Parse<MethodKind>(column));

        Assert.True(result.IsValid);
        Assert.Equal("+44 2079460018", result.Value);
        Assert.Equal(PhoneMessages.LandlineOnMobile, result.Warning);
    }

    [Fact]
    public void Landline_on_the_office_column_has_no_warning()
    {
        Assert.Null(_normalizer.Normalize("020 7946 0018", "GB", MethodKind.Office).Warning);
    }

    [Fact]
    public void US_number_of_fixed_line_or_mobile_type_on_mobile_has_no_warning()
    {
        var result = _normalizer.Normalize("(425) 555-0199", "US", MethodKind.AlternateMobile, out var type);

        Assert.Equal(PhoneNumberType.FIXED_LINE_OR_MOBILE, type);
        Assert.Null(result.Warning);
    }

    [Theory]
    [InlineData("0871 234 5678", "GB")] // premium rate
    [InlineData("+800 1234 5678", null)] // international freephone
    public void Numbers_nobody_answers_personally_are_unsupported(string input, string? region)
    {
        Assert.Equal(ErrorCodes.UnsupportedNumberType, _normalizer.Normalize(input, region, MethodKind.Mobile).Error);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("Narnia")]
    [InlineData("999")]
    public void Unknown_region_is_reported_as_InvalidRegion(string region)
    {
        var result = _normalizer.Normalize("0171 1234567", region, MethodKind.Mobile);

        Assert.Equal(ErrorCodes.InvalidRegion, result.Error);
        Assert.Contains($"'{region}'", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("49")]
    [InlineData("+49")]
    public void Region_may_be_lower_case_or_a_calling_code(string region)
    {
        Assert.Equal("+49 1711234567", _normalizer.Normalize("0171 1234567", region, MethodKind.Mobile).Value);
    }

    [Fact]
    public void UK_is_accepted_as_GB()
    {
        Assert.Equal("+44 7911123456", _normalizer.Normalize("07911 123456", "uk", MethodKind.Mobile).Value);
    }

    [Fact]
    public void International_number_ignores_a_bad_region()
    {
        Assert.Equal("+44 7911123456", _normalizer.Normalize("+44 7911 123456", "XX", MethodKind.Mobile).Value);
    }

    [Fact]
    public void Double_zero_prefix_without_region_is_read_as_international()
    {
        Assert.Equal("+44 7911123456", _normalizer.Normalize("0044 7911 123456", null, MethodKind.Mobile).Value);
    }

    [Fact]
    public void US_IDD_prefix_is_understood_with_region_US()
    {
        Assert.Equal("+44 7911123456", _normalizer.Normalize("011 44 7911 123456", "US", MethodKind.Mobile).Value);
    }

    [Fact]
    public void Tel_uri_extension_is_kept_for_office()
    {
        Assert.Equal("+1 2015550123x12", _normalizer.Normalize("TEL:+1-201-555-0123;ext=12", null, MethodKind.Office).Value);
    }

    [Theory]
    [InlineData("06\u202F12\u202F34\u202F56\u202F78")] // narrow no-break space: French grouping, as .NET formats for fr-FR
    [InlineData("06\u200912\u200934\u200956\u200978")] // thin space
    [InlineData("06\u200712\u200734\u200756\u200778")] // figure space
    [InlineData("06\u00A012\u00A034\u00A056\u00A078")] // no-break space
    public void Digit_groups_separated_by_any_space_character_are_one_number(string input)
    {
        Assert.Equal("+33 612345678", _normalizer.Normalize(input, "FR", MethodKind.Mobile).Value);
    }

    [Theory]
    [InlineData("٠٢٠ ٧٩٤٦ ٠٠١٨ ext ١٢", "GB")] // Arabic-Indic digits
    [InlineData("+۴۴ ۲۰ ۷۹۴۶ ۰۰۱۸ x۱۲", null)] // Persian digits, plus and marker
    [InlineData("＋４４ 20 7946 0018 ext. １２", null)] // fullwidth, as a Japanese export writes them
    public void Digits_of_any_script_reach_graph_as_ascii_digits_extension_included(string input, string? region)
    {
        Assert.Equal("+44 2079460018x12", _normalizer.Normalize(input, region, MethodKind.Office).Value);
    }

    [Theory]
    [InlineData("4,47911123456E+11")] // European decimal comma
    [InlineData("4.47911123456e11")]
    public void Scientific_notation_with_every_digit_is_recovered(string input)
    {
        Assert.Equal("+44 7911123456", _normalizer.Normalize(input, "GB", MethodKind.Mobile).Value);
    }

    [Theory]
    [InlineData("4.47911E+11")]
    [InlineData("4.4791112345678E+11")]
    [InlineData("4.47911123456E-11")]
    public void Scientific_notation_that_is_not_an_exact_integer_is_refused(string input)
    {
        var result = _normalizer.Normalize(input, "GB", MethodKind.Mobile);

        Assert.Equal(ErrorCodes.ScientificNotation, result.Error);
        Assert.Contains("Text", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n/a")]
    [InlineData("+")]
    [InlineData("=HYPERLINK(\"x\")")]
    public void Text_without_digits_is_not_a_phone_number_even_without_region(string input)
    {
        Assert.Equal(ErrorCodes.NotAPhoneNumber, _normalizer.Normalize(input, null, MethodKind.Mobile).Error);
    }

    [Theory]
    [InlineData("+44 7400 123465 / +44 7400 123466")]
    [InlineData("+44 7400 123465; +44 7400 123466")]
    [InlineData("+44 7400 123465, 07400 123466")]
    [InlineData("+44 7400 123465 | +44 7400 123466")]
    [InlineData("+44 7400 123465\n+44 7400 123466")]
    public void Two_numbers_in_one_cell_are_refused_with_a_message_that_says_so(string input)
    {
        var result = _normalizer.Normalize(input, "GB", MethodKind.Mobile);

        Assert.Equal(ErrorCodes.NotAPhoneNumber, result.Error);
        Assert.Equal(PhoneMessages.SeveralNumbers, result.Message);
    }

    [Theory]
    [InlineData("0170/1234567", "DE", "+49 1701234567")] // a German area code written with a slash is one number
    [InlineData("+44 (0) 7400 123456", null, "+44 7400123456")] // the UK's "(0)": the trunk prefix in brackets
    public void Slashes_and_brackets_inside_one_number_still_make_one_number(string input, string? region, string expected)
    {
        var result = _normalizer.Normalize(input, region, MethodKind.Mobile);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("+44 7400 123465 / +44")] // only one part with six digits or more: not two numbers
    [InlineData("call; later")]
    public void A_refused_cell_without_two_whole_numbers_keeps_the_general_message(string input)
    {
        var result = _normalizer.Normalize(input, "GB", MethodKind.Mobile);

        Assert.Equal(ErrorCodes.NotAPhoneNumber, result.Error);
        Assert.Equal(PhoneMessages.NotAPhoneNumber, result.Message);
    }

    [Theory]
    [InlineData("+999 1234567", "The country code after + does not exist")]
    [InlineData("12", "The number is not valid for country code +44")]
    public void Impossible_numbers_are_invalid_with_a_reason(string input, string messageStart)
    {
        var result = _normalizer.Normalize(input, "GB", MethodKind.Mobile);

        Assert.Equal(ErrorCodes.InvalidNumber, result.Error);
        Assert.StartsWith(messageStart, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("07400 XXXXXX", "GB")] // libphonenumber alone: +44 7400999999, a valid mobile
    [InlineData("+44 7400 1234 56X", null)] // fewer than three letters are dropped: +44 7400123456
    [InlineData("+44 20 7946 0958 e 123", null)] // "e" is no extension marker
    [InlineData("+1 425 555 FLWR", null)]
    public void Letters_in_a_phone_cell_are_refused_not_read_as_keypad_digits(string input, string? region)
    {
        var result = _normalizer.Normalize(input, region, MethodKind.Office);

        Assert.Equal(ErrorCodes.LettersInNumber, result.Error);
        Assert.Null(result.Value);
        Assert.Equal(PhoneMessages.LettersInNumber, result.Message);
    }

    [Theory]
    [InlineData("+1 425 555 FLWR", "Mobile", "+1 4255553597")]
    [InlineData("+1 425 555 flwr ext. 12", "Office", "+1 4255553597x12")]
    public void Vanity_number_is_read_as_keypad_digits_when_configured(string input, string method, string expected)
    {
        var vanity = new PhoneNormalizer(allowVanityNumbers: true);

        Assert.Equal(expected, vanity.Normalize(input, null, Enum.Parse<MethodKind>(method)).Value);
    }

    [Fact]
    public void Vanity_toll_free_number_stays_unsupported_when_vanity_numbers_are_allowed()
    {
        var vanity = new PhoneNormalizer(allowVanityNumbers: true);

        Assert.Equal(ErrorCodes.UnsupportedNumberType, vanity.Normalize("1-800-FLOWERS", "US", MethodKind.Mobile).Error);
    }

    [Fact]
    public void Letters_of_another_script_are_refused_even_when_vanity_numbers_are_allowed()
    {
        var vanity = new PhoneNormalizer(allowVanityNumbers: true);

        Assert.Equal(ErrorCodes.LettersInNumber, vanity.Normalize("+44 7400 123 ΑΒΓ", null, MethodKind.Mobile).Error);
    }

    [Fact]
    public void Missing_region_message_says_how_to_fix_it()
    {
        Assert.Equal(
            "The number has no country code (+) and no region is known; add a Region column or run with --region GB.",
            _normalizer.Normalize("07911 123456", null, MethodKind.Mobile).Message);
    }

    [Theory]
    [InlineData("+44 7911 123456")]
    [InlineData("+1 425 555 0100")]
    [InlineData("+39 06 1234 5678")]
    [InlineData("+44 20 7946 0018")]
    [InlineData("+1 201 555 012")]
    [InlineData("+44 7700 900123")]
    public void Number_type_alone_agrees_with_IsValidNumber(string input)
    {
        // The normaliser skips IsValidNumber for speed; this pins the equivalence it relies on.
        var number = PhoneNumberUtil.GetInstance().Parse(input, null);
        var valid = PhoneNumberUtil.GetInstance().IsValidNumber(number);

        Assert.Equal(valid, _normalizer.Normalize(input, null, MethodKind.Office).Error != ErrorCodes.InvalidNumber);
    }
}
