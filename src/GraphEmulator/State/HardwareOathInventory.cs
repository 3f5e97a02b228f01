namespace GraphEmulator.State;

/// <summary>
/// One token of the tenant's hardware OATH inventory (beta hardwareOathTokenAuthenticationMethodDevice,
/// docs/graph-behaviour.md §3.7). The secret never leaves the emulator. Mutated only under the inventory's gate.
/// </summary>
internal sealed class OathDevice
{
    public required string Id { get; init; }
    public required string SerialNumber { get; init; }
    public required string Manufacturer { get; init; }
    public required string Model { get; init; }
    public required byte[] Secret { get; init; }
    public required int TimeIntervalInSeconds { get; init; }

    /// <summary>"hmacsha1" or "hmacsha256".</summary>
    public required string HashFunction { get; init; }
    public string? DisplayName { get; set; }

    /// <summary>"available", "assigned", "activated" or "failedActivation".</summary>
    public string Status { get; set; } = "available";
    public string? AssignedToUserId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public int Activations { get; set; }
    public int FailedActivations { get; set; }
}

/// <summary>
/// The tenant's hardware OATH tokens. A user's hardwareOathMethods are the tokens assigned to them (the method id is
/// the device id, as in Graph's examples), so assignment lives here, not in the user's <see cref="MethodSet"/>.
/// Lock order: this gate, then a user's gate.
/// </summary>
internal sealed class HardwareOathInventory
{
    private readonly List<OathDevice> _devices = [];

    public Lock Gate { get; } = new();

    /// <summary>Caller holds <see cref="Gate"/>.</summary>
    public IReadOnlyList<OathDevice> Devices => _devices;

    public OathDevice? Find(string id) => _devices.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    public OathDevice? BySerial(string serial) =>
        _devices.FirstOrDefault(d => string.Equals(d.SerialNumber, serial, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<OathDevice> AssignedTo(string userId) =>
        _devices.Where(d => string.Equals(d.AssignedToUserId, userId, StringComparison.OrdinalIgnoreCase));

    public void Add(OathDevice device) => _devices.Add(device);

    /// <summary>Hardware OATH methods of a user, read under the gate.</summary>
    public List<OathDevice> SnapshotFor(string userId)
    {
        lock (Gate)
        {
            return [.. AssignedTo(userId)];
        }
    }
}
