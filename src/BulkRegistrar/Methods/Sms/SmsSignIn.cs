namespace BulkRegistrar.Methods.Sms;

/// <summary>
/// What a row asks of SMS sign-in on the user's mobile. Validation produces it, planning acts on it;
/// the audit's <c>normalized</c> writes it as <see cref="SmsSignInNames.Enable"/>/<see cref="SmsSignInNames.Disable"/>,
/// which revert reads back.
/// </summary>
internal enum SmsSignIn
{
    Enable,
    Disable,
}

/// <summary>The audit spelling of <see cref="SmsSignIn"/>, in one place.</summary>
internal static class SmsSignInNames
{
    public const string Enable = "enable";
    public const string Disable = "disable";

    public static string Name(this SmsSignIn value) => value == SmsSignIn.Enable ? Enable : Disable;

    /// <summary>The value an audit word (or a desired method's value) stands for; null for anything else.</summary>
    public static SmsSignIn? Parse(string? word) => word switch
    {
        Enable => SmsSignIn.Enable,
        Disable => SmsSignIn.Disable,
        _ => null,
    };
}
