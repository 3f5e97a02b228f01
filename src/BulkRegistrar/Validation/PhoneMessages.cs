using PhoneNumbers;

namespace BulkRegistrar.Validation;

/// <summary>
/// The sentences a person reads in the audit next to a phone error. They never repeat the number
/// (the audit has it in <c>input</c>; messages may reach the console and logs, which are masked).
/// </summary>
internal static class PhoneMessages
{
    public const string MissingRegion =
        "The number has no country code (+) and no region is known; add a Region column or run with --region GB.";

    public const string ScientificNotation =
        "The cell holds a number in scientific notation (like 4.4E+11) and the spreadsheet has already dropped digits; format the phone columns as "
            + "Text in Excel, retype the number and save again.";

    public const string NotAPhoneNumber =
        "The cell does not look like a phone number; write digits with an optional + country code, e.g. +44 7911 123456.";

    public const string SeveralNumbers =
        "The cell holds more than one number; write one number per cell (a second mobile goes in AlternateMobilePhone).";

    public const string LettersInNumber =
        "The cell has letters where digits belong, like a placeholder (07400 XXXXXX) or a note; letters are not turned into keypad digits, so write "
            + "the person's real number in digits (an extension may follow as ext. 123).";

    public const string ExtensionNotAllowed =
        "Only an office phone may have an extension; remove the extension or put the number in the OfficePhone column.";

    public const string LandlineOnMobile =
        "This is a landline (fixed-line) number: it can take voice calls but no SMS codes. Use a mobile number if the user needs SMS.";

    public static string Invalid(int countryCode) =>
        $"The number is not valid for country code +{countryCode} (wrong length or an unassigned range); check the digits and the country code.";

    public static string ParseFailure(ErrorType error) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE =>
            "The country code after + does not exist; check the digits right after the +.",
        ErrorType.TOO_LONG => "The number has too many digits to be a phone number; check for two numbers in one cell.",
        _ => "The number is too short to be a phone number; check that no digits are missing.",
    };

    public static string Unsupported(PhoneNumberType type)
    {
        var kind = type switch
        {
            PhoneNumberType.TOLL_FREE => "a toll-free",
            PhoneNumberType.PREMIUM_RATE => "a premium-rate",
            PhoneNumberType.SHARED_COST => "a shared-cost",
            PhoneNumberType.UAN => "a company switchboard (UAN)",
            PhoneNumberType.VOICEMAIL => "a voicemail-access",
            PhoneNumberType.PAGER => "a pager",
            _ => "an unsupported",
        };
        return $"This is {kind} number, which cannot receive a sign-in call or SMS for one person; give the user's own mobile or direct office number.";
    }
}
