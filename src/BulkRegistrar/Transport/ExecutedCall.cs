using BulkRegistrar.Audit;

namespace BulkRegistrar.Transport;

/// <summary>The last answer to an operation, how many requests it took, and how long.</summary>
/// <param name="Verified">True when the answer came from re-reading the tenant after an ambiguous
/// attempt (the tenant already held what the write wants, so it was not sent again).</param>
/// <param name="Ended">Why the operation ended without a final answer from Graph, or null when it has one.</param>
internal sealed record ExecutedCall(
    CallResult Result, int Attempts, TimeSpan Duration, bool Verified = false, bool PreviousMayHaveRun = false, Ending? Ended = null) : ICallEvidence
{
    ICallAnswer ICallEvidence.Answer => Result;
}

/// <summary>
/// An operation that stopped without Graph's final word. <paramref name="MayHaveLanded"/> is true when a
/// write left the process and its answer never came (lost, or no longer awaited): it must be reported as
/// unknown, never as "not sent". False means Graph answered that it did not run it (429), and the run
/// stopped before the retry.
/// </summary>
/// <param name="Error">The audit error of a write that did not land: <c>Cancelled</c> or <c>RunAborted</c>.</param>
/// <param name="Why">Why the operation stopped, as a clause that reads after "before": "the run was cancelled (Ctrl+C or SIGTERM)".</param>
/// <param name="Detail">A sentence to add, e.g. the abort reason.</param>
internal sealed record Ending(bool MayHaveLanded, string Error, string Why, string? Detail = null);
