namespace BulkRegistrar.Audit;

/// <summary>The wire names of the audit vocabulary (camelCase methods, PascalCase outcomes).</summary>
internal static class AuditNames
{
    public static string Of(MethodKind method) => method switch
    {
        MethodKind.None => "none",
        MethodKind.Mobile => "mobile",
        MethodKind.AlternateMobile => "alternateMobile",
        MethodKind.Office => "office",
        MethodKind.Email => "email",
        MethodKind.SmsSignIn => "smsSignIn",
        MethodKind.TemporaryAccessPass => "temporaryAccessPass",
        MethodKind.Password => "password",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    // Enum.ToString allocates and reflects; the audit writes millions of these.
    private static readonly string[] OutcomeNames = Enum.GetNames<Outcome>();

    public static string Of(Outcome outcome) => OutcomeNames[(int)outcome];
}
