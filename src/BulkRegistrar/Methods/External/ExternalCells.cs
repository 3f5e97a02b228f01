using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.External;

/// <summary>
/// The cells: ExternalMfaConfigurationId (the id of an external authentication method configuration of the tenant's methods
/// policy, a GUID) and the optional ExternalMfaDisplayName. Judged before anything is sent.
/// </summary>
internal sealed partial class ExternalMethod
{
    /// <summary>Longest display name accepted: Graph documents none; a name this long is a pasted paragraph, not a name.</summary>
    private const int MaxDisplayName = 256;

    public static MethodColumn ConfigurationCell { get; } = new("ExternalMfaConfigurationId", "ExternalMfaConfigurationId",
        "External MFA configuration id", "ExternalAuthenticationConfigurationId");

    public static MethodColumn DisplayNameCell { get; } = new("ExternalMfaDisplayName", "ExternalMfaDisplayName", "External MFA display name");

    public override IReadOnlyList<MethodColumn> Columns => [ConfigurationCell, DisplayNameCell];

    public override MethodCheck? Check(RowCells row)
    {
        var configuration = row[ConfigurationCell];
        var name = row[DisplayNameCell];
        if (configuration is null)
        {
            return name is null ? null
                : Invalid(name, $"ExternalMfaDisplayName '{name}' is given without an ExternalMfaConfigurationId; add the provider's configuration id, "
                    + "or clear the name.");
        }

        if (!Guid.TryParse(configuration, out var id))
        {
            return Invalid(configuration, $"ExternalMfaConfigurationId '{configuration}' is not a configuration id: copy the id (a GUID) of the external "
                + "authentication method from Entra ID (Authentication methods → Policies).");
        }

        if (name is not null && (SpreadsheetFormula.StartsWithTrigger(name) || name.Length > MaxDisplayName))
        {
            return Invalid(configuration, name.Length > MaxDisplayName
                ? $"ExternalMfaDisplayName is {name.Length} characters long; write a name of at most {MaxDisplayName}."
                : $"ExternalMfaDisplayName '{name}' starts like a spreadsheet formula (= + - @); write the name without it.");
        }

        return new MethodCheck(Kind, configuration, new ExternalSpec(id.ToString("D"), row.Action == RowAction.Remove ? null : name).Format());
    }

    private MethodCheck Invalid(string input, string message) => new(Kind, input, null, ErrorCodes.InvalidExternalMfa, message);
}
