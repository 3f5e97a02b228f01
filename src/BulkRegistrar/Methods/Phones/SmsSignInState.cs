namespace BulkRegistrar.Methods.Phones;

/// <summary>
/// A phone method's <c>smsSignInState</c>, as Graph computes it (docs/graph-behaviour.md §1.1). Parsed once
/// where Graph's JSON is read; the rest of the tool compares members, never text. A value Graph adds later
/// reads as <see cref="UnknownFutureValue"/>, which is what Graph itself sends for evolvable enums.
/// </summary>
internal enum SmsSignInState
{
    Ready,
    NotSupported,
    NotAllowedByPolicy,
    NotEnabled,
    PhoneNumberNotUnique,
    NotConfigured,
    UnknownFutureValue,
}

/// <summary>Graph's spelling of <see cref="SmsSignInState"/>, both ways: for reading its JSON and for messages and the audit's <c>previous</c>.</summary>
internal static class SmsSignInStates
{
    public static SmsSignInState? Parse(string? text) => text switch
    {
        null => null,
        "ready" => SmsSignInState.Ready,
        "notSupported" => SmsSignInState.NotSupported,
        "notAllowedByPolicy" => SmsSignInState.NotAllowedByPolicy,
        "notEnabled" => SmsSignInState.NotEnabled,
        "phoneNumberNotUnique" => SmsSignInState.PhoneNumberNotUnique,
        "notConfigured" => SmsSignInState.NotConfigured,
        _ => SmsSignInState.UnknownFutureValue,
    };

    public static string ToGraph(this SmsSignInState state) => state switch
    {
        SmsSignInState.Ready => "ready",
        SmsSignInState.NotSupported => "notSupported",
        SmsSignInState.NotAllowedByPolicy => "notAllowedByPolicy",
        SmsSignInState.NotEnabled => "notEnabled",
        SmsSignInState.PhoneNumberNotUnique => "phoneNumberNotUnique",
        SmsSignInState.NotConfigured => "notConfigured",
        _ => "unknownFutureValue",
    };

    /// <summary>The state Graph's error code names when it refuses an enable (its code is the state's name), else null.</summary>
    public static SmsSignInState? FromRefusalCode(string? code) =>
        string.Equals(code, "notAllowedByPolicy", StringComparison.OrdinalIgnoreCase) ? SmsSignInState.NotAllowedByPolicy
        : string.Equals(code, "phoneNumberNotUnique", StringComparison.OrdinalIgnoreCase) ? SmsSignInState.PhoneNumberNotUnique
        : null;
}
