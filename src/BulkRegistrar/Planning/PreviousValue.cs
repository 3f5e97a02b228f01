using BulkRegistrar.Audit;

namespace BulkRegistrar.Planning;

/// <summary>
/// What a write replaces, as apply read it before writing: recorded in the audit (<c>previous</c>) so that
/// revert can put it back. A create replaces nothing (null); an SMS sign-in toggle records the mobile's
/// <c>smsSignInState</c> before it.
/// </summary>
internal static class PreviousValue
{
    public static string? Of(PlannedOperation op, CurrentMethods current) => op.Kind switch
    {
        OperationKind.Create => null,
        OperationKind.EnableSmsSignIn or OperationKind.DisableSmsSignIn => current.Phones.GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState?.ToGraph(),
        _ when op.Method == MethodKind.Email => current.Email?.Address,
        _ => current.Phones.GetValueOrDefault(op.Method)?.Number,
    };
}
