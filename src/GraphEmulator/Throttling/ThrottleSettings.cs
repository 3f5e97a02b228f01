using System.Globalization;

namespace GraphEmulator.Throttling;

/// <summary>
/// Resolved budget for one run (docs/graph-behaviour.md §T6.1–T6.2). Capacities are in units; refill rates
/// are per emulated second. Time compression k multiplies the refill rate on the wall clock and
/// divides every window, so capacities and ratios stay what the profile says.
/// </summary>
internal sealed record ThrottleSettings(
    string Name,
    bool Enabled,
    double RuCapacity,
    double RuRefillPerSecond,
    double WriteCapacity,
    double WriteRefillPerSecond,
    double TenantWriteCapacity,
    double TenantWriteRefillPerSecond,
    bool FixedRetryAfter,
    IReadOnlyDictionary<string, (int Ru, int W)> CostOverrides,
    double K)
{
    public static ThrottleSettings Resolve(string profile, ThrottlingOverrides? o, double k)
    {
        if (k <= 0 || double.IsNaN(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), "TimeCompression must be positive.");
        }

        var ru = profile.ToLowerInvariant() switch
        {
            "entra-l" => 8000d,
            "entra-m" => 5000d,
            "entra-s" => 3500d,
            "off" => 0d,
            _ => throw new ArgumentException($"Unknown throttling profile '{profile}' (entra-L, entra-M, entra-S, off).", nameof(profile)),
        };
        var costs = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (route, value) in o?.Costs ?? [])
        {
            var parts = value.Split(',');
            costs[route] = (int.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0);
        }

        return new ThrottleSettings(
            profile,
            ru > 0,
            o?.RuCapacity ?? ru,
            o?.RuRefillPerSecond ?? ru / 10,
            o?.WriteCapacity ?? 3000,
            o?.WriteRefillPerSecond ?? 20,
            o?.TenantWriteCapacity ?? 18000,
            o?.TenantWriteRefillPerSecond ?? 60,
            string.Equals(o?.RetryAfterMode, "fixed", StringComparison.OrdinalIgnoreCase),
            costs,
            k);
    }
}

/// <summary>A continuous-refill token bucket that starts full. Not thread-safe: the throttler locks.</summary>
internal sealed class TokenBucket(double capacity, double refillPerSecond)
{
    private long _lastTicks = long.MinValue;

    public double Capacity { get; } = capacity;

    public double RefillPerSecond { get; } = refillPerSecond;

    public double Tokens { get; private set; } = capacity;

    public void Refill(DateTimeOffset now, double k)
    {
        var ticks = now.UtcTicks;
        if (_lastTicks != long.MinValue && ticks > _lastTicks)
        {
            var seconds = (ticks - _lastTicks) / (double)TimeSpan.TicksPerSecond;
            Tokens = Math.Min(Capacity, Tokens + (seconds * RefillPerSecond * k));
        }

        _lastTicks = Math.Max(_lastTicks, ticks);
    }

    public void Take(double n) => Tokens = Math.Max(0, Tokens - n);

    public double Used => Capacity <= 0 ? 0 : 1 - (Tokens / Capacity);
}
