using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Cli;

/// <summary>What a record's input may look like on a console or in a log: phones and e-mails masked.</summary>
internal static class Masking
{
    public static string? ForDisplay(AuditMethod method, string? value) => value is null ? null : method switch
    {
        AuditMethod.Mobile or AuditMethod.AlternateMobile or AuditMethod.Office => PhoneMask.Mask(value),
        AuditMethod.Email => MaskEmail(value),
        _ => value,
    };

    private static string MaskEmail(string value)
    {
        var at = value.LastIndexOf('@');
        return at <= 0 ? new string('*', Math.Min(value.Length, 8)) : value[0] + "***" + value[at..];
    }
}
