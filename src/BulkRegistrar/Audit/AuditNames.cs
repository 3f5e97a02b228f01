namespace BulkRegistrar.Audit;

/// <summary>The wire names of the audit vocabulary (camelCase methods, PascalCase outcomes).</summary>
internal static class AuditNames
{
    public static string Of(AuditMethod method) => method switch
    {
        AuditMethod.None => "none",
        AuditMethod.Mobile => "mobile",
        AuditMethod.AlternateMobile => "alternateMobile",
        AuditMethod.Office => "office",
        AuditMethod.Email => "email",
        AuditMethod.SmsSignIn => "smsSignIn",
        AuditMethod.TemporaryAccessPass => "temporaryAccessPass",
        AuditMethod.Password => "password",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    // Enum.ToString allocates and reflects; the audit writes millions of these.
    private static readonly string[] OutcomeNames = Enum.GetNames<Outcome>();

    public static string Of(Outcome outcome) => OutcomeNames[(int)outcome];
}
