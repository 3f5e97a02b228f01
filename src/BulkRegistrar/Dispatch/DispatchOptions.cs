using BulkRegistrar.Transport;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// <c>Dispatch</c> section: the transport's numbers (<see cref="TransportOptions"/>: retries, bounds, budget,
/// concurrency) and the one choice of the per-user workflow.
/// </summary>
internal sealed class DispatchOptions : TransportOptions
{
    /// <summary>Whether apply may send a new user's creates before reading the user (<see cref="WriteFirstPolicy"/>).</summary>
    public WriteFirstMode WriteFirst { get; set; } = WriteFirstMode.Auto;
}
