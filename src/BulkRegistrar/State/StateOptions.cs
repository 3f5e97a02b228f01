namespace BulkRegistrar.State;

/// <summary><c>State</c> section: the incremental state store of nightly runs.</summary>
internal sealed class StateOptions
{
    /// <summary>The store (SQLite). apply uses one only when this or <c>--state</c> names it; inbox defaults to &lt;runs&gt;/state.db. Relative to the --config file.</summary>
    public string? Path { get; set; }

    /// <summary>A user applied longer ago than this is checked against Graph again, whatever the store says (someone may have changed the tenant by hand).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Validate() =>
        MaxAge <= TimeSpan.Zero ? [$"State:MaxAge is {MaxAge}; it must be more than 0"] : [];
}
