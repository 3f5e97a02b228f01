namespace BulkRegistrar.Dispatch;

/// <summary>The last answer to an operation, how many requests it took, and how long.</summary>
/// <param name="Verified">True when the answer came from re-reading the tenant after an ambiguous
/// attempt (the write had landed although its response was lost).</param>
internal sealed record Executed(CallResult Result, int Attempts, TimeSpan Duration, bool Verified = false, bool PreviousMayHaveRun = false);
