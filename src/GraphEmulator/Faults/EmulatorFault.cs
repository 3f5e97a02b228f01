namespace GraphEmulator;

/// <summary>A fault that can be scheduled for the next matching request(s) with <see cref="RunningEmulator.ScheduleFault"/>.</summary>
public enum EmulatorFault
{
    Status500,
    Status502,
    Status503,
    Status504,
    Status507,

    /// <summary>509 Bandwidth Limit Exceeded (Graph's error list; strict uses it).</summary>
    Status509,

    /// <summary>503 with a Retry-After of 2 emulated seconds; an early retry for the same user is a violation.</summary>
    Status503RetryAfter,

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

    /// <summary>Server-side timeout: 504 after the service's 60 s abandon (÷k, latency on); the write WAS applied.</summary>
    TimeoutApplied,

    /// <summary>Server-side timeout: 504 after the service's 60 s abandon (÷k, latency on); the write was NOT applied.</summary>
    TimeoutNotApplied,

    /// <summary>The $batch envelope itself answers 429 with Retry-After 2 emulated seconds; no item ran.</summary>
    Envelope429,

    /// <summary>The $batch envelope itself answers 503; no item ran.</summary>
    Envelope503,

    /// <summary>The $batch envelope itself answers 504 after every item ran (the writes landed).</summary>
    Envelope504AfterItemsRan,
}
