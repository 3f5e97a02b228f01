namespace BulkRegistrar.State;

/// <summary><c>State</c> section: the incremental state store of nightly runs.</summary>
internal sealed class StateOptions
{
    /// <summary>The store (SQLite). apply uses one only when this or <c>--state</c> names it; inbox defaults to &lt;runs&gt;/state.db. Relative to
    /// the --config file.</summary>
    public string? Path { get; set; }

    /// <summary>A user applied longer ago than this is checked against Graph again, whatever the store says (someone may have changed the tenant by
    /// hand).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a run waits for another process that holds the store's write lock before it stops with one sentence.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate() =>
    [
        .. MaxAge <= TimeSpan.Zero ? [$"State:MaxAge is {MaxAge}; it must be more than 0"] : Array.Empty<string>(),
        .. LockTimeout < TimeSpan.FromSeconds(1) || LockTimeout > TimeSpan.FromMinutes(10) ? [$"State:LockTimeout is {LockTimeout}; it must be "
            + $"between 1 s and 10 min"] : Array.Empty<string>(),
    ];
}
