namespace BulkRegistrar.Validation;

/// <summary>
/// The stable error categories the validator reports. They are written to the audit and people
/// filter on them, so a name is never changed once shipped; add new ones instead.
/// </summary>
internal static class ErrorCodes
{
    // Row level: the row is reported once, with method "none".
    public const string MalformedRecord = nameof(MalformedRecord);
    public const string MissingUser = nameof(MissingUser);
    public const string InvalidUser = nameof(InvalidUser);
    public const string InvalidAction = nameof(InvalidAction);
    public const string InvalidPhoneType = nameof(InvalidPhoneType);
    public const string NothingToDo = nameof(NothingToDo);

    /// <summary>A cell an export tool filled with a type name or object (<c>System.String[]</c>, <c>@{…}</c>) instead of a value.</summary>
    public const string ExportArtefact = nameof(ExportArtefact);

    // Phone cells (names shared with tests/BulkRegistrar.Tests/TestData/phone-normalization.csv).
    public const string MissingRegion = nameof(MissingRegion);
    public const string InvalidRegion = nameof(InvalidRegion);
    public const string ScientificNotation = nameof(ScientificNotation);
    public const string NotAPhoneNumber = nameof(NotAPhoneNumber);
    public const string InvalidNumber = nameof(InvalidNumber);
    public const string UnsupportedNumberType = nameof(UnsupportedNumberType);
    public const string ExtensionNotAllowed = nameof(ExtensionNotAllowed);
    public const string MissingPhoneNumber = nameof(MissingPhoneNumber);
    public const string ConflictingPhone = nameof(ConflictingPhone);
    public const string FormulaCell = nameof(FormulaCell);

    /// <summary>Letters in a phone cell (a placeholder such as 07400 XXXXXX) outside an extension marker.</summary>
    public const string LettersInNumber = nameof(LettersInNumber);

    // Other method cells.
    public const string InvalidEmail = nameof(InvalidEmail);
    public const string InvalidSmsSignIn = nameof(InvalidSmsSignIn);
    public const string SmsNeedsMobile = nameof(SmsNeedsMobile);

    // What the tenant says of SMS sign-in (the mobile's smsSignInState, or Graph's refusal).
    public const string SmsSignInNotAllowedByPolicy = nameof(SmsSignInNotAllowedByPolicy);
    public const string SmsSignInNumberNotUnique = nameof(SmsSignInNumberNotUnique);

    /// <summary>SMS sign-in was enabled, but re-reading the mobile showed a state other than ready.</summary>
    public const string SmsSignInNotReady = nameof(SmsSignInNotReady);

    // Temporary Access Pass and password reset cells.
    public const string InvalidTap = nameof(InvalidTap);
    public const string InvalidResetPassword = nameof(InvalidResetPassword);

    /// <summary>--verify: after the run, the tenant does not show what a successful write wrote.</summary>
    public const string VerifyMismatch = nameof(VerifyMismatch);

    // The duplicate rules (a user on several rows) and the SMS sign-in rule that needs the row's mobile.
    public const string DuplicateUser = nameof(DuplicateUser);
    public const string DuplicateRow = nameof(DuplicateRow);
    public const string MobileNotRegistered = nameof(MobileNotRegistered);
    // Dispatch: what happened to a user's methods on the way to and from Graph (written by Dispatch and Planning).
    public const string NotFound = nameof(NotFound);

    /// <summary>The row's object id belongs to a user other than the one its UPN names.</summary>
    public const string ObjectIdMismatch = nameof(ObjectIdMismatch);
    public const string GraphError = nameof(GraphError);
    public const string UnexpectedResponse = nameof(UnexpectedResponse);
    public const string Conflict = nameof(Conflict);
    public const string DependencyFailed = nameof(DependencyFailed);
    public const string GuardrailReached = nameof(GuardrailReached);
    public const string RunAborted = nameof(RunAborted);
    public const string Cancelled = nameof(Cancelled);

    /// <summary>A write left and no answer came back: its fate is unknown.</summary>
    public const string OutcomeUnknown = nameof(OutcomeUnknown);

    // Password reset.
    public const string PasswordNotGiven = nameof(PasswordNotGiven);
    public const string PasswordResetFailed = nameof(PasswordResetFailed);
    public const string PasswordResetPending = nameof(PasswordResetPending);

    /// <summary>The hand-off file cannot be written: a secret nobody could read is not asked for (or, once issued, revoked).</summary>
    public const string HandoffUnwritable = nameof(HandoffUnwritable);

    /// <summary>TapStart hireDate for a user without an employeeHireDate.</summary>
    public const string NoHireDate = nameof(NoHireDate);

    /// <summary>An ExternalMfaConfigurationId/ExternalMfaDisplayName cell that is no configuration id or no usable name.</summary>
    public const string InvalidExternalMfa = nameof(InvalidExternalMfa);
    // reregister (issue 21).
    /// <summary>A cell of another method on a reregister row: the row only deletes and revokes.</summary>
    public const string ReregisterOnly = nameof(ReregisterOnly);

    /// <summary>A method reregister cannot delete (a type it does not know, a beta-only one): left, and said so.</summary>
    public const string MethodNotRemovable = nameof(MethodNotRemovable);

    /// <summary>revert: a deletion that cannot be undone (the user's own registration, a pass, revoked sessions).</summary>
    public const string NotRestorable = nameof(NotRestorable);
    // Hardware OATH tokens (beta, issue 21).
    /// <summary>A hardware OATH cell Graph would refuse: no serial, a secret key that is not base32 of at least 80 bits, an interval or hash it
    /// does not take.</summary>
    public const string InvalidOathToken = nameof(InvalidOathToken);

    /// <summary>The row asks for a method Graph offers only in beta, and the run was not started with <c>--beta</c>.</summary>
    public const string BetaRequired = nameof(BetaRequired);

    /// <summary>The token (by serial number) is assigned to another user: it is not taken from them.</summary>
    public const string OathTokenAssignedElsewhere = nameof(OathTokenAssignedElsewhere);

    /// <summary>The token was assigned but Graph refused its activation code (a wrong secret key, interval or hash in the file, or a clock that is
    /// off).</summary>
    public const string OathActivationFailed = nameof(OathActivationFailed);

    // QR code + PIN: its cells, a user --new-pins has no PIN for, and a badge sheet that cannot be written.
    public const string InvalidQrCodePin = nameof(InvalidQrCodePin);
    public const string PinNotGiven = nameof(PinNotGiven);
    public const string BadgesUnwritable = nameof(BadgesUnwritable);

    // The tenant's authentication methods policy, read by the pre-flight: a write it would refuse is not sent (docs/graph-behaviour.md §12).
    /// <summary>The method's configuration is disabled.</summary>
    public const string MethodDisabledByPolicy = nameof(MethodDisabledByPolicy);

    /// <summary>The user is in none of the configuration's include targets, or in one of its exclude targets.</summary>
    public const string UserNotInPolicyScope = nameof(UserNotInPolicyScope);

    /// <summary>A pass's lifetime is outside the tenant's minimum/maximum (and --clamp-tap-lifetime was not given).</summary>
    public const string TapLifetimeOutsidePolicy = nameof(TapLifetimeOutsidePolicy);

    /// <summary>A multi-use pass asked for while the tenant's policy makes every pass one-time.</summary>
    public const string TapMultiUseNotAllowedByPolicy = nameof(TapMultiUseNotAllowedByPolicy);
}
