using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Password;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

/// <summary>A <see cref="RawRow"/> as a test writes one: every column by its name, the methods' ones included.</summary>
internal static class TestRow
{
    public static RawRow Of(
        int Line,
        string? User,
        string? Mobile = null,
        string? AlternateMobile = null,
        string? Office = null,
        string? Email = null,
        string? Region = null,
        string? SmsSignIn = null,
        string? PhoneNumber = null,
        string? PhoneType = null,
        string? Action = null,
        string? Malformed = null,
        int LineCount = 1,
        string? IssueTap = null,
        string? TapStart = null,
        string? TapLifetimeMinutes = null,
        string? TapUsableOnce = null,
        string? ResetPassword = null,
        string? ObjectId = null) =>
        new RawRow(Line, User, Region, PhoneNumber, PhoneType, Action, Malformed, LineCount) { ObjectId = ObjectId }
            .With(PhoneMethod.Mobile.Cell, Mobile)
            .With(PhoneMethod.AlternateMobile.Cell, AlternateMobile)
            .With(PhoneMethod.Office.Cell, Office)
            .With(EmailMethod.Cell, Email)
            .With(SmsSignInMethod.Cell, SmsSignIn)
            .With(TapMethod.IssueCell, IssueTap)
            .With(TapMethod.StartCell, TapStart)
            .With(TapMethod.LifetimeCell, TapLifetimeMinutes)
            .With(TapMethod.UsableOnceCell, TapUsableOnce)
            .With(PasswordMethod.Cell, ResetPassword);
}
