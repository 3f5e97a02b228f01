namespace BulkRegistrar.Reading;

/// <summary>The <see cref="RawRow"/> fields a CSV column can feed.</summary>
internal enum RowField
{
    User,
    Mobile,
    AlternateMobile,
    Office,
    Email,
    Region,
    SmsSignIn,
    PhoneNumber,
    PhoneType,
    Action,
    IssueTap,
    TapStart,
    TapLifetimeMinutes,
    TapUsableOnce,
    ResetPassword,

    /// <summary>An object id column beside the user principal name column: it addresses the user, the UPN names them.</summary>
    ObjectId,
}
