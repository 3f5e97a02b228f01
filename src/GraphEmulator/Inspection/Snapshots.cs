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
    long TokenRequestsRefused);

/// <summary>One user's full state, as served by GET /_emulator/users/{id|upn}. Secrets (TAP, password) never appear.</summary>
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
    int DuplicateCreateAttempts);

public sealed record EmulatorPhoneState(string Id, string PhoneType, string PhoneNumber, string SmsSignInState);

public sealed record EmulatorTapState(string Id, DateTimeOffset CreatedDateTime, DateTimeOffset StartDateTime, int LifetimeInMinutes, bool IsUsableOnce);

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
