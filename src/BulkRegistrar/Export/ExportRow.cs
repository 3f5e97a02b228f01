namespace BulkRegistrar.Export;

/// <summary>
/// One user's current methods, as one line of the CSV apply reads. Phones are in Graph's canonical form
/// (<c>+44 7911123456</c>, office with <c>x204</c>) whatever form the tenant stored them in, which apply accepts as is. <see cref="SmsSignIn"/> is
/// <c>true</c>/<c>false</c> where Graph says the mobile is ready or not enabled for SMS sign-in, and blank
/// where apply could not change it (no mobile, outside the policy, number not unique): blank means "leave as is".
/// </summary>
internal sealed record ExportRow(string User, string? Mobile, string? AlternateMobile, string? Office, string? Email, string? SmsSignIn)
{
    /// <summary>The header apply recognises (README, "The CSV"); the order is fixed so two exports diff cleanly.</summary>
    public static readonly string[] Header = ["UserPrincipalName", "MobilePhone", "AlternateMobilePhone", "OfficePhone", "Email", "SmsSignIn"];

    public bool HasAnyMethod => Mobile is not null || AlternateMobile is not null || Office is not null || Email is not null;

    public static string? SmsWord(Planning.SmsSignInState? smsSignInState) => smsSignInState switch
    {
        Planning.SmsSignInState.Ready => "true",
        Planning.SmsSignInState.NotEnabled => "false",
        _ => null,
    };
}

/// <summary>What reading one user gave: a row, or why there is none.</summary>
internal sealed record ExportResult(string Key, ExportRow? Row, string? Problem, bool NotFound = false);
