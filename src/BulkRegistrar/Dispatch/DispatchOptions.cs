using BulkRegistrar.Transport;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// <c>Dispatch</c> section: the transport's numbers (<see cref="TransportOptions"/>: retries, bounds, budget,
/// concurrency) and the choices of the per-user workflow.
/// </summary>
internal sealed class DispatchOptions : TransportOptions
{
    /// <summary>The longest a new user may take to appear (tenant time; 0: a 404 is NotFound at once), <see cref="Dispatch.NewUserWindow"/>.</summary>
    public TimeSpan NewUserWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether apply may send a new user's creates before reading the user (<see cref="WriteFirstPolicy"/>).</summary>
    public WriteFirstMode WriteFirst { get; set; } = WriteFirstMode.Auto;

    public override IReadOnlyList<string> Validate() => NewUserWindow < TimeSpan.Zero || NewUserWindow > TimeSpan.FromHours(24)
        ? [.. base.Validate(), "Dispatch:NewUserWindow must be between 0 (off) and 24 hours"]
        : base.Validate();
}
