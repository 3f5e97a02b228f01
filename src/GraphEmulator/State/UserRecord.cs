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

    public PhoneMethod Copy() => new(Kind, Number) { SmsEnabled = SmsEnabled, NotUnique = NotUnique };
}

/// <summary>The methods a read sees: the live state, or (strict) the state before writes still replicating.</summary>
internal sealed record UserView(PhoneMethod?[] Phones, string? Email, TapMethod? Tap, MethodSet Methods)
{
    public PhoneMethod? Phone(PhoneKind kind) => Phones[(int)kind];
}

internal sealed record TapMethod
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required int LifetimeInMinutes { get; init; }
    public required bool IsUsableOnce { get; init; }

    /// <summary>The user signed in with it (seeded, or the mark-used test hook); a one-time pass is then spent.</summary>
    public bool Used { get; init; }
}

/// <summary>A QR code the emulator issued ("standard" or "temporary") and its content, kept only so a test can match a decoded badge.</summary>
internal sealed record QrIssue(string Kind, string QrCodeId, string Content, DateTimeOffset IssuedAt);

/// <summary>A resetPassword long-running operation (pollable).</summary>
internal sealed class ResetOperation
{
    public required string Id { get; init; }
    public required DateTimeOffset Created { get; init; }

    /// <summary>Ends failed instead of succeeded (the FailResets hook).</summary>
    public bool Fails { get; init; }
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
    public DateTimeOffset? EmployeeHireDate { get; init; }

    /// <summary>The manager's object id.</summary>
    public string? ManagerId { get; set; }

    /// <summary>Emulated seconds after the directory was built before the user exists (null: from the start).</summary>
    public double? AppearsAfterSeconds { get; init; }

    /// <summary>Direct groups and their transitive closure, fixed when the directory is built.</summary>
    public IReadOnlySet<string> DirectGroups { get; set; } = new HashSet<string>();
    public IReadOnlySet<string> TransitiveGroups { get; set; } = new HashSet<string>();

    /// <summary>In SMS sign-in scope of the methods policy (<see cref="AuthenticationMethodsPolicy.SmsSignIn"/>).</summary>
    public bool SmsSignInAllowed { get; set; } = true;

    /// <summary>Allowed a pass by the methods policy's TAP configuration.</summary>
    public bool TapAllowed { get; set; } = true;

    /// <summary>The user's default MFA method id (seeded); it cannot be deleted while other methods exist.</summary>
    public string? DefaultMethodId { get; set; }

    public Lock Gate { get; } = new();
    public PhoneMethod?[] Phones { get; } = new PhoneMethod?[3];
    public string? Email { get; set; }
    public TapMethod? Tap { get; set; }
    public MethodSet Methods { get; set; } = MethodSet.Empty;

    /// <summary>QR codes the emulator issued to this user, oldest first, with their content: test inspection only.</summary>
    public List<QrIssue> QrIssues { get; } = [];

    /// <summary>The PIN last issued (create or reset) and how many were: test inspection only, never served by Graph again.</summary>
    public string? LastPin { get; set; }
    public int PinsIssued { get; set; }
    public int SessionsRevoked { get; set; }
    public Dictionary<string, ResetOperation> Operations { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int PasswordResets { get; set; }
    public int WritesApplied { get; set; }

    /// <summary>[emu] test hook: the next N writes answer success but are undone at once ("returned success, nothing happened").</summary>
    public int ForgetWrites { get; set; }

    /// <summary>[emu] test hook: the next N password resets are accepted (202) and their operation ends failed.</summary>
    public int FailResets { get; set; }

    /// <summary>The methods as they are now, to put back after a forgotten write (caller holds the gate).</summary>
    public UserView Capture() => Snapshot();

    /// <summary>Puts the methods back as <see cref="Capture"/> saw them (caller holds the gate).</summary>
    public void Restore(UserView saved)
    {
        for (var i = 0; i < Phones.Length; i++)
        {
            Phones[i] = saved.Phones[i]?.Copy();
        }

        Email = saved.Email;
        Tap = saved.Tap;
        Methods = saved.Methods;
    }
    public int DuplicateCreateAttempts { get; set; }

    public PhoneMethod? Phone(PhoneKind kind) => Phones[(int)kind];

    /// <summary>Writes not yet visible to reads (strict read-after-write lag), oldest first, with the state after each.</summary>
    private readonly List<(DateTimeOffset VisibleAt, UserView After)> _replicating = [];
    private UserView? _visible;

    public UserView Live => new(Phones, Email, Tap, Methods);

    /// <summary>Strict, before a write (caller holds the gate): remember what reads keep seeing while it replicates.</summary>
    public void BeforeWrite()
    {
        if (_replicating.Count == 0)
        {
            _visible = Snapshot();
        }
    }

    /// <summary>Strict, after a write landed (caller holds the gate): visible from <paramref name="visibleAt"/>, never before an earlier write.</summary>
    public void AfterWrite(DateTimeOffset visibleAt)
    {
        if (_replicating.Count > 0 && _replicating[^1].VisibleAt > visibleAt)
        {
            visibleAt = _replicating[^1].VisibleAt;
        }

        _replicating.Add((visibleAt, Snapshot()));
    }

    /// <summary>What a read at <paramref name="now"/> sees (caller holds the gate).</summary>
    public UserView ReadView(DateTimeOffset now)
    {
        while (_replicating.Count > 0 && _replicating[0].VisibleAt <= now)
        {
            _visible = _replicating[0].After;
            _replicating.RemoveAt(0);
        }

        return _replicating.Count == 0 ? Live : _visible!;
    }

    private UserView Snapshot() => new([.. Phones.Select(p => p?.Copy())], Email, Tap, Methods);

    /// <summary>smsSignInState as Graph computes it (docs/graph-behaviour.md §1.1).</summary>
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
