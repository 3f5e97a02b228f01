using System.Collections.Concurrent;

namespace GraphEmulator.Throttling;

/// <summary>Outcome of metering one (sub-)request.</summary>
internal readonly record struct ThrottleDecision(
    bool Admitted,
    int RuCharged,
    double LimitUsed,
    int RetryAfterSeconds,
    double RetryAfterMs,
    string? Scope,
    string? Information,
    bool Violation);

/// <summary>
/// Token buckets per (app, tenant) — RU and write — and one write bucket per tenant shared by
/// all apps (docs/graph-behaviour.md §T6.1, §T6.3). Also keeps the Retry-After windows that turn an early
/// retry into a counted violation and a longer wait (docs/graph-behaviour.md §T6.3 item 6).
/// </summary>
internal sealed partial class Throttler(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TenantBudget> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private volatile ThrottleSettings _settings = ThrottleSettings.Resolve("off", null, 1);

    public ThrottleSettings Settings => _settings;

    /// <summary>New settings start with full buckets and no open windows.</summary>
    public void Configure(ThrottleSettings settings)
    {
        _settings = settings;
        _tenants.Clear();
    }

    public ThrottleDecision Admit(string appId, string tenantId, string userKey, string originId, int costRu, int costW)
    {
        var s = _settings;
        if (!s.Enabled)
        {
            // No budget, but a window opened by a fault-injected 429 must still be honoured.
            return AdmitWindowOnly(appId, tenantId, userKey, originId, costW)
                ?? new ThrottleDecision(true, costRu, 0, 0, 0, null, null, false);
        }

        var now = time.GetUtcNow();
        var t = _tenants.GetOrAdd(tenantId, _ => new TenantBudget(s));
        lock (t)
        {
            var a = t.ForApp(appId, s);
            a.Ru.Refill(now, s.K);
            a.Write.Refill(now, s.K);
            t.TenantWrite.Refill(now, s.K);

            if (a.Windows.TryGetValue(userKey, out var w) && Holds(w, now, originId, costW))
            {
                // Early retry: rejected, the window grows by the current Retry-After, and RU is still metered.
                var extended = w with { Until = w.Until + Window(w.RetryAfterSeconds, s), OriginId = originId };
                a.Windows[userKey] = extended;
                a.Ru.Take(costRu);
                var remaining = (extended.Until - now).TotalMilliseconds;
                return Reject(remaining, w.Scope, w.Information, violation: true);
            }

            var scope = (string?)null;
            TokenBucket? shortBucket = null;
            var info = "";
            if (a.Write.Tokens < costW)
            {
                (shortBucket, scope, info) = (a.Write, $"Tenant_Application/Write/{appId}/{tenantId}", "WriteLimitExceeded");
            }
            else if (t.TenantWrite.Tokens < costW)
            {
                (shortBucket, scope, info) = (t.TenantWrite, $"Tenant/Write/{appId}/{tenantId}", "WriteLimitExceeded");
            }
            else if (a.Ru.Tokens < costRu)
            {
                (shortBucket, scope, info) = (a.Ru, $"Tenant_Application/ReadWrite/{appId}/{tenantId}", "ResourceUnitLimitExceeded");
            }

            if (shortBucket is null)
            {
                return Spend(t, a, costRu, costW);
            }

            a.Ru.Take(costRu);
            var ra = RetryAfterSeconds(s, a, shortBucket, costRu, costW);
            var window = Window(ra, s);
            a.Windows[userKey] = new OpenWindow(now + window, ra, scope!, info, originId);
            a.Prune(now);
            return Reject(window.TotalMilliseconds, scope, info, violation: false);
        }
    }

    /// <summary>A 429 not caused by the budget (spurious fault) still opens a window the client must honour.</summary>
    public void OpenWindow(string appId, string tenantId, string userKey, string originId, int retryAfterSeconds)
    {
        var s = _settings;
        var now = time.GetUtcNow();
        var t = _tenants.GetOrAdd(tenantId, _ => new TenantBudget(s));
        lock (t)
        {
            t.ForApp(appId, s).Windows[userKey] = new OpenWindow(
                now + Window(retryAfterSeconds, s), retryAfterSeconds,
                $"Tenant_Application/ReadWrite/{appId}/{tenantId}", "ServiceBusy", originId);
        }
    }

    /// <summary>
    /// Does an open window hold this request? Not once it expired, not for siblings in the same
    /// $batch envelope that opened it, and a write-limit window does not hold reads (reads pass
    /// while writes are throttled).
    /// </summary>
    /// <summary>Admitted: every bucket pays; the fullest one reports how much of the budget is used.</summary>
    private static ThrottleDecision Spend(TenantBudget t, AppBudget a, int costRu, int costW)
    {
        a.Ru.Take(costRu);
        a.Write.Take(costW);
        t.TenantWrite.Take(costW);
        var used = Math.Max(a.Ru.Used, Math.Max(a.Write.Used, t.TenantWrite.Used));
        return new ThrottleDecision(true, costRu, used, 0, 0, null, null, false);
    }

    /// <summary>Whole seconds until the short bucket holds the request's cost (docs/graph-behaviour.md §T6.3), clamped to Graph's observed ranges.</summary>
    private static int RetryAfterSeconds(ThrottleSettings s, AppBudget a, TokenBucket shortBucket, int costRu, int costW)
    {
        var deficit = (shortBucket == a.Ru ? costRu : costW) - shortBucket.Tokens;
        var ra = s.FixedRetryAfter ? 10 : (int)Math.Ceiling(deficit / shortBucket.RefillPerSecond);
        return Math.Clamp(ra, 1, shortBucket == a.Ru ? 10 : 150);
    }

    private static bool Holds(OpenWindow w, DateTimeOffset now, string originId, int costW) =>
        now < w.Until && w.OriginId != originId && (costW > 0 || !w.Scope.Contains("/Write/", StringComparison.Ordinal));

    private ThrottleDecision? AdmitWindowOnly(string appId, string tenantId, string userKey, string originId, int costW)
    {
        if (!_tenants.TryGetValue(tenantId, out var t))
        {
            return null;
        }

        var s = _settings;
        var now = time.GetUtcNow();
        lock (t)
        {
            var a = t.ForApp(appId, s);
            if (!a.Windows.TryGetValue(userKey, out var w) || !Holds(w, now, originId, costW))
            {
                return null;
            }

            var extended = w with { Until = w.Until + Window(w.RetryAfterSeconds, s), OriginId = originId };
            a.Windows[userKey] = extended;
            var remaining = (extended.Until - now).TotalMilliseconds;
            return Reject(remaining, w.Scope, w.Information, violation: true);
        }
    }

    /// <summary>Wall-clock length of an emulated Retry-After: seconds divided by k.</summary>
    internal static TimeSpan Window(int retryAfterSeconds, ThrottleSettings s) =>
        TimeSpan.FromMilliseconds(retryAfterSeconds * 1000 / s.K);

    /// <summary>
    /// Retry-After must be whole seconds (the SDK ignores fractions), so the header is the
    /// wall-clock wait rounded up, at least 1; the exact compressed wait goes in milliseconds.
    /// </summary>
    internal static ThrottleDecision Reject(double raMs, string? scope, string? info, bool violation) =>
        new(false, 0, 1, Math.Max(1, (int)Math.Ceiling(raMs / 1000)), Math.Max(1, Math.Ceiling(raMs)), scope, info, violation);
}
