namespace GraphEmulator;

/// <summary>Counters, as served by GET /_emulator/stats.</summary>
public sealed record EmulatorStatsSnapshot(
    long Requests,
    long BatchEnvelopes,
    long BatchItems,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> RequestsByRoute,
    long Throttled,
    long RetryAfterViolations,
    long WritesApplied,
    long DuplicateCreateAttempts,
    long LostResponseWrites,
    IReadOnlyDictionary<string, long> FaultsInjected,
    long TokensIssued,
    long TokenRequestsRefused,
    IReadOnlyDictionary<string, long> WritesAppliedByRoute,
    IReadOnlyDictionary<string, long> Events);

/// <summary>One user's full state, as served by GET /_emulator/users/{id|upn}. Secrets (TAP, password, PIN, QR content, OATH keys) never appear.</summary>
public sealed record EmulatorUserState(
    string Id,
    string UserPrincipalName,
    string? DisplayName,
    string? UsageLocation,
    bool SmsSignInAllowedByPolicy,
    bool TemporaryAccessPassAllowedByPolicy,
    IReadOnlyList<EmulatorPhoneState> PhoneMethods,
    string? EmailAddress,
    EmulatorTapState? TemporaryAccessPass,
    int PasswordResets,
    int WritesApplied,
    int DuplicateCreateAttempts,
    DateTimeOffset? EmployeeHireDate = null,
    string? ManagerId = null,
    double? AppearsAfterSeconds = null,
    IReadOnlyList<string>? Groups = null,
    IReadOnlyList<string>? TransitiveGroups = null,
    string? DefaultMethodId = null,
    IReadOnlyList<EmulatorMethodState>? OtherMethods = null,
    EmulatorQrCodePinState? QrCodePin = null,
    IReadOnlyList<EmulatorOathDeviceState>? HardwareOathMethods = null,
    int SessionsRevoked = 0);

public sealed record EmulatorPhoneState(string Id, string PhoneType, string PhoneNumber, string SmsSignInState);

public sealed record EmulatorTapState(string Id, DateTimeOffset CreatedDateTime, DateTimeOffset StartDateTime, int LifetimeInMinutes,
    bool IsUsableOnce, bool Used = false);

/// <summary>A method of another kind (microsoftAuthenticator, fido2, windowsHelloForBusiness, softwareOath, platformCredential, external).</summary>
public sealed record EmulatorMethodState(string Kind, string Id, string? DisplayName, string? ConfigurationId);

/// <summary>The QR code + PIN method's dates (no image, no PIN: see <see cref="EmulatorQrSecrets"/>).</summary>
public sealed record EmulatorQrCodePinState(string Id, string? StandardQrCodeId, DateTimeOffset? StandardStart, DateTimeOffset? StandardExpire,
    string? TemporaryQrCodeId, DateTimeOffset? TemporaryExpire, DateTimeOffset PinUpdated);

/// <summary>A hardware OATH token of the inventory, without its secret.</summary>
public sealed record EmulatorOathDeviceState(string Id, string SerialNumber, string Status, string? AssignedToUserId,
    int Activations, int FailedActivations, int TimeIntervalInSeconds, string HashFunction);

/// <summary>
/// Test hook (GET /_emulator/users/{id|upn}/qr-code-pin): what the emulator issued for the QR code + PIN method — every
/// QR code's content (so a test can decode a badge image and match it) and the last PIN. Secrets: loopback tests only.
/// </summary>
public sealed record EmulatorQrSecrets(string UserId, IReadOnlyList<EmulatorQrIssue> QrCodes, string? LastPin, int PinsIssued);

public sealed record EmulatorQrIssue(string Kind, string QrCodeId, string Content, DateTimeOffset IssuedAt);

/// <summary>
/// One entry of the bounded request log (GET /_emulator/requests). No bodies: they hold numbers and passes.
/// <see cref="WriteApplied"/>: the call changed the directory, also when its answer was lost (the benchmarks' writes/s timeline).
/// </summary>
public sealed record EmulatorRequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Url,
    int Status,
    string RequestId,
    string? ClientRequestId,
    string? BatchRequestId,
    string? AppId,
    string? Fault,
    bool WriteApplied = false);
