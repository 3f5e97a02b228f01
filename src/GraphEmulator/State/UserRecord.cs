namespace GraphEmulator.State;

/// <summary>A phone slot. Mutated only under the owning user's <see cref="UserRecord.Gate"/>.</summary>
internal sealed class PhoneMethod(PhoneKind kind, string number)
{
    public PhoneKind Kind { get; } = kind;
    public string Number { get; set; } = number;

    /// <summary>Registered as this user's SMS sign-in number.</summary>
    public bool SmsEnabled { get; set; }

    /// <summary>Registration was refused because another user owns the number for SMS sign-in.</summary>
    public bool NotUnique { get; set; }
}

internal sealed class TapMethod
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required int LifetimeInMinutes { get; init; }
    public required bool IsUsableOnce { get; init; }
}

/// <summary>A resetPassword long-running operation (pollable).</summary>
internal sealed class ResetOperation
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
}

/// <summary>
/// One seeded user and its authentication methods. Identity fields never change; method state
/// is guarded by <see cref="Gate"/> so a user's rules (one phone per type, mobile before
/// alternate) are checked and applied atomically even under concurrent batches.
/// </summary>
internal sealed class UserRecord
{
    public required string Id { get; init; }
    public required string UserPrincipalName { get; init; }
    public string? DisplayName { get; init; }
    public string? UsageLocation { get; init; }
    public string? Mail { get; init; }
    public bool SmsSignInAllowed { get; init; } = true;
    public bool TapAllowed { get; init; } = true;

    public Lock Gate { get; } = new();
    public PhoneMethod?[] Phones { get; } = new PhoneMethod?[3];
    public string? Email { get; set; }
    public TapMethod? Tap { get; set; }
    public Dictionary<string, ResetOperation> Operations { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int PasswordResets { get; set; }
    public int WritesApplied { get; set; }
    public int DuplicateCreateAttempts { get; set; }

    public PhoneMethod? Phone(PhoneKind kind) => Phones[(int)kind];

    /// <summary>smsSignInState as Graph computes it (graph-contract §1.1).</summary>
    public string SmsSignInState(PhoneMethod phone)
    {
        if (phone.Kind != PhoneKind.Mobile)
        {
            return "notSupported";
        }

        if (!SmsSignInAllowed)
        {
            return "notAllowedByPolicy";
        }

        return phone.NotUnique ? "phoneNumberNotUnique" : phone.SmsEnabled ? "ready" : "notEnabled";
    }
}
