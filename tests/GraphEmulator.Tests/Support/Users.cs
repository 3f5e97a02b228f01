namespace GraphEmulator.Tests.Support;

/// <summary>Seeded users (samples/directory.json) the tests rely on.</summary>
public static class Users
{
    /// <summary>No methods, in SMS scope.</summary>
    public const string Plain = "isla.williams@contoso.com";
    public const string Plain2 = "george.jones@contoso.com";
    public const string Plain3 = "ethan.miller@contoso.com";

    /// <summary>Mobile +44 7400123456 (ready for SMS sign-in).</summary>
    public const string WithMobile = "oliver.brown@contoso.com";
    public const string WithMobileNumber = "+44 7400123456";

    /// <summary>Mobile and alternate mobile.</summary>
    public const string WithAlternate = "amelia.smith@contoso.com";

    /// <summary>Mobile, office and an e-mail method.</summary>
    public const string WithEmail = "james.garcia@contoso.com";

    /// <summary>Outside the SMS sign-in policy.</summary>
    public const string OutsideSmsPolicy = "michael.jackson@contoso.com";

    /// <summary>Outside the TAP policy.</summary>
    public const string OutsideTapPolicy = "harry.thomas@contoso.com";

    public const string Guest = "megan.ortiz_fabrikam.com#EXT#@contoso.onmicrosoft.com";
    public const string Dollar = "$svc.backup@contoso.com";

    public const string Missing = "nobody@contoso.com";
}
