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
}

internal readonly record struct FaultDecision(FaultKind Kind, int Status, bool Abort, string Name)
{
    public static readonly FaultDecision None = new(FaultKind.None, 0, false, "");

    public static FaultDecision From(EmulatorFault f) => f switch
    {
        EmulatorFault.Status500 => new(FaultKind.Status, 500, false, "status500"),
        EmulatorFault.Status502 => new(FaultKind.Status, 502, false, "status502"),
        EmulatorFault.Status503 => new(FaultKind.Status, 503, false, "status503"),
        EmulatorFault.Status504 => new(FaultKind.Status, 504, false, "status504"),
        EmulatorFault.Status507 => new(FaultKind.Status, 507, false, "status507"),
        EmulatorFault.Throttle429 => new(FaultKind.Status, 429, false, "spurious429"),
        EmulatorFault.LostResponse503 => new(FaultKind.LostResponse, 503, false, "lostResponse503"),
        EmulatorFault.LostResponse504 => new(FaultKind.LostResponse, 504, false, "lostResponse504"),
        EmulatorFault.LostResponseAbort => new(FaultKind.LostResponse, 504, true, "lostResponseAbort"),
        _ => new(FaultKind.Drop, 504, true, "droppedConnection"),
    };
}

/// <summary>Rates of one fault profile (throttling.md §6.4; the lost-response and drop rates are [emu]).</summary>
internal sealed record FaultRates(string Name, double Status5xx, double Spurious429, double LostResponse, double Drop, bool Chaos)
{
    public static FaultRates Resolve(string profile) => profile.ToLowerInvariant() switch
    {
        "off" => new("off", 0, 0, 0, 0, false),
        "realistic" => new("realistic", 0.010, 0.002, 0.002, 0.0005, false),
        "chaos" => new("chaos", 0.5, 0, 0.02, 0.01, true),
        _ => throw new ArgumentException($"Unknown fault profile '{profile}' (off, realistic, chaos).", nameof(profile)),
    };
}
