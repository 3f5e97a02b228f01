namespace BulkRegistrar.State;

/// <summary>The run's state store: opened during the start-up checks (before the run folder exists), closed when the run ends, however it ends.</summary>
internal sealed class StoreSlot : IDisposable
{
    public StateStore? Store { get; set; }

    public void Dispose() => Store?.Dispose();
}
