namespace BulkRegistrar;

/// <summary>
/// The method an audit record is about (<see cref="None"/>: the row itself). Each member but None is described once in
/// <c>Methods/</c> and listed in <c>AuthMethods.All</c>, whose description's name is what the audit writes (<c>alternateMobile</c>).
/// </summary>
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
    ExternalMfa,
    HardwareOath,
    QrCodePin,

    // reregister (issue 21): each method deleted, and the sessions revoked after them
    Reregister,
    SignInSessions,
}
