namespace GraphEmulator.Throttling;

/// <summary>A Retry-After promise made to a client for one user: until when, and how long it was.</summary>
internal sealed record OpenWindow(DateTimeOffset Until, int RetryAfterSeconds, string Scope, string Information, string OriginId)
{
    /// <summary>Strict: when the 429 that opened the window reached the client (null in the other profiles).</summary>
    public Delivery? Delivery { get; init; }
}

/// <summary>Buckets of one app in one tenant, and its open Retry-After windows by user.</summary>
internal sealed class AppBudget(ThrottleSettings s)
{
    public TokenBucket Ru { get; } = new(s.RuCapacity, s.RuRefillPerSecond);
    public TokenBucket Write { get; } = new(s.WriteCapacity, s.WriteRefillPerSecond);
    public Dictionary<string, OpenWindow> Windows { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Drops expired windows now and then so a long run does not keep one per user forever.</summary>
    public void Prune(DateTimeOffset now)
    {
        if (Windows.Count < 4096)
        {
            return;
        }

        foreach (var key in Windows.Where(kv => kv.Value.Until <= now).Select(kv => kv.Key).ToList())
        {
            Windows.Remove(key);
        }
    }
}

/// <summary>The tenant-wide write bucket (all apps) plus each app's budget; one lock guards all of it.</summary>
internal sealed class TenantBudget(ThrottleSettings s)
{
    private readonly Dictionary<string, AppBudget> _apps = new(StringComparer.OrdinalIgnoreCase);

    public TokenBucket TenantWrite { get; } = new(s.TenantWriteCapacity, s.TenantWriteRefillPerSecond);

    /// <summary>Strict: budget Retry-After windows by x-ms-throttle-scope (every request of that scope must wait).</summary>
    public Dictionary<string, List<OpenWindow>> ScopeWindows { get; } = new(StringComparer.Ordinal);

    public AppBudget ForApp(string appId, ThrottleSettings settings)
    {
        if (!_apps.TryGetValue(appId, out var a))
        {
            a = new AppBudget(settings);
            _apps[appId] = a;
        }

        return a;
    }
}
