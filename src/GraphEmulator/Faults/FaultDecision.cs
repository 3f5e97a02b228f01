namespace GraphEmulator.Faults;

internal enum FaultKind
{
    None,

    /// <summary>Answer this status instead of running the handler (nothing applied).</summary>
    Status,

    /// <summary>Run the handler (the write lands), then answer Status or abort.</summary>
    LostResponse,

    /// <summary>Abort the connection without running the handler.</summary>
    Drop,

    /// <summary>Server-side timeout: answer 504 late; the handler ran only when <see cref="FaultDecision.Applies"/>.</summary>
    Timeout,
}

/// <param name="RetryAfterSeconds">Emulated seconds for a 503 that carries Retry-After (0: none).</param>
/// <param name="Applies">For <see cref="FaultKind.Timeout"/>: did the write land before the service gave up?</param>
internal readonly record struct FaultDecision(FaultKind Kind, int Status, bool Abort, string Name, int RetryAfterSeconds = 0, bool Applies = false)
{
    public static readonly FaultDecision None = new(FaultKind.None, 0, false, "");

    public static FaultDecision From(EmulatorFault f) => f switch
    {
        EmulatorFault.Status500 => new(FaultKind.Status, 500, false, "status500"),
        EmulatorFault.Status502 => new(FaultKind.Status, 502, false, "status502"),
        EmulatorFault.Status503 => new(FaultKind.Status, 503, false, "status503"),
        EmulatorFault.Status504 => new(FaultKind.Status, 504, false, "status504"),
        EmulatorFault.Status507 => new(FaultKind.Status, 507, false, "status507"),
        EmulatorFault.Status509 => new(FaultKind.Status, 509, false, "status509"),
        EmulatorFault.Status503RetryAfter => new(FaultKind.Status, 503, false, "status503", RetryAfterSeconds: 2),
        EmulatorFault.Throttle429 => new(FaultKind.Status, 429, false, "spurious429"),
        EmulatorFault.LostResponse503 => new(FaultKind.LostResponse, 503, false, "lostResponse503"),
        EmulatorFault.LostResponse504 => new(FaultKind.LostResponse, 504, false, "lostResponse504"),
        EmulatorFault.LostResponseAbort => new(FaultKind.LostResponse, 504, true, "lostResponseAbort"),
        EmulatorFault.TimeoutApplied => new(FaultKind.Timeout, 504, false, "timeoutApplied", Applies: true),
        EmulatorFault.TimeoutNotApplied => new(FaultKind.Timeout, 504, false, "timeoutNotApplied", Applies: false),
        _ => new(FaultKind.Drop, 504, true, "droppedConnection"),
    };
}

/// <summary>What happens to a $batch envelope as a whole.</summary>
/// <param name="FailAll">Chaos: every item fails with a random code (Dev Proxy parity).</param>
/// <param name="LoseResponse">Every item ran, then the connection died.</param>
/// <param name="Status">Strict: the envelope itself answers this status (429, 503, 504); 0 = none.</param>
/// <param name="RunItems">With <paramref name="Status"/>: the items ran before the envelope failed (504 only).</param>
internal readonly record struct EnvelopeFault(bool FailAll, bool LoseResponse, double Pick, int Status = 0, int RetryAfterSeconds = 0,
    bool RunItems = false, string Name = "")
{
    public static readonly EnvelopeFault None = new(false, false, 0);

    public static EnvelopeFault From(EmulatorFault f) => f switch
    {
        EmulatorFault.Envelope429 => new(false, false, 0, 429, 2, false, "envelope429"),
        EmulatorFault.Envelope503 => new(false, false, 0, 503, 0, false, "envelope503"),
        _ => new(false, false, 0, 504, 0, true, "envelope504AfterItemsRan"),
    };
}

/// <summary>Rates of one fault profile (docs/graph-behaviour.md §T6.4; the lost-response and drop rates, and all of strict, are [emu]).</summary>
internal sealed record FaultRates(string Name, double Status5xx, double Spurious429, double LostResponse, double Drop, bool Chaos, bool Strict = false)
{
    public static FaultRates Resolve(string profile) => profile.ToLowerInvariant() switch
    {
        "off" => new("off", 0, 0, 0, 0, false),
        "realistic" => new("realistic", 0.010, 0.002, 0.002, 0.0005, false),
        "chaos" => new("chaos", 0.5, 0, 0.02, 0.01, true),
        "strict" => new("strict", StrictRates.Status5xx, StrictRates.Spurious429, StrictRates.LostResponse, StrictRates.Drop, false, Strict: true),
        _ => throw new ArgumentException($"Unknown fault profile '{profile}' (off, realistic, chaos, strict).", nameof(profile)),
    };
}

/// <summary>
/// The strict mix [emu]: only statuses Graph's error page lists (429, 500, 503, 504, 507, 509 — no
/// 502), 429 below the limits rarer than in realistic, and the ambiguous failures a client must
/// survive: lost responses, dropped connections, server timeouts that may or may not have applied,
/// and faults of the $batch envelope itself. Per (sub-)request unless stated.
/// </summary>
internal static class StrictRates
{
    public const double Status500 = 0.003;
    public const double Status503 = 0.004;
    public const double Status504 = 0.002;
    public const double Status507 = 0.001;
    public const double Status509 = 0.001;
    public const double Status5xx = Status500 + Status503 + Status504 + Status507 + Status509;
    public const double Spurious429 = 0.0005;
    public const double LostResponse = 0.003;
    public const double Timeout = 0.002;
    public const double Drop = 0.001;

    /// <summary>Per envelope: 429 (with Retry-After), 503, 504 (half of them after the items ran), lost envelope response.</summary>
    public const double Envelope429 = 0.003;
    public const double Envelope503 = 0.002;
    public const double Envelope504 = 0.002;
    public const double EnvelopeLost = 0.001;

    /// <summary>The service abandons an authentication-methods call after one minute (docs/graph-behaviour.md §1.2).</summary>
    public const double TimeoutSeconds = 60;
}
