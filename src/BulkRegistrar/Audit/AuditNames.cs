namespace BulkRegistrar.Audit;

/// <summary>The wire names of the audit vocabulary (camelCase methods, PascalCase outcomes).</summary>
internal static class AuditNames
{
    public static string Of(MethodKind method) => MethodNames.Of(method);

    // Enum.ToString allocates and reflects; the audit writes millions of these.
    private static readonly string[] OutcomeNames = Enum.GetNames<Outcome>();

    public static string Of(Outcome outcome) => OutcomeNames[(int)outcome];
}
