namespace BulkRegistrar;

/// <summary>The method an audit record is about. Serialised in camelCase (<c>alternateMobile</c>).</summary>
internal enum MethodKind
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
