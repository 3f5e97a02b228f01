namespace BulkRegistrar.Audit;

/// <summary>The method an audit record is about. Serialised in camelCase (<c>alternateMobile</c>).</summary>
internal enum AuditMethod
{
    None,
    Mobile,
    AlternateMobile,
    Office,
    Email,
    SmsSignIn,
    TemporaryAccessPass,
    Password,
}
