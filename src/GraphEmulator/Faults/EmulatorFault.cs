namespace GraphEmulator;

/// <summary>A fault that can be scheduled for the next matching request(s) with <see cref="RunningEmulator.ScheduleFault"/>.</summary>
public enum EmulatorFault
{
    Status500,
    Status502,
    Status503,
    Status504,
    Status507,

    /// <summary>A 429 below the budget (Retry-After 5 emulated seconds); it opens a Retry-After window.</summary>
    Throttle429,

    /// <summary>The write is applied, the client gets 503.</summary>
    LostResponse503,

    /// <summary>The write is applied, the client gets 504 (what a timeout looks like through a gateway).</summary>
    LostResponse504,

    /// <summary>The write is applied, the connection is aborted (direct calls; 504 inside a batch).</summary>
    LostResponseAbort,

    /// <summary>The connection is aborted before anything is applied (direct calls; 504 inside a batch).</summary>
    DropConnection,
}
