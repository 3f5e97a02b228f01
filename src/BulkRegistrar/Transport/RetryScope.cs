namespace BulkRegistrar.Transport;

/// <summary>
/// Marks the calls an operation sends once it is retrying (<see cref="GraphExecutor"/>): its next attempt, and the read that
/// checks whether its write landed. The <see cref="Batcher"/> packs them before new calls (<see cref="PendingCalls"/>), so a
/// row that met a failure is not also sent to the back of the queue. Flows with the async context, so it reaches the
/// verify read made through another executor without passing a flag through every layer.
/// </summary>
internal static class RetryScope
{
    private static readonly AsyncLocal<bool> Retrying = new();

    /// <summary>True inside a retrying operation's attempt.</summary>
    public static bool Active => Retrying.Value;

    /// <summary>From here on in this async flow (and what it calls), calls are retries. The caller's own flow is not changed.</summary>
    public static void Enter() => Retrying.Value = true;
}
