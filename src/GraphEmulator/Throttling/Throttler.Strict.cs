namespace GraphEmulator.Throttling;

/// <summary>
/// The strict profile's Retry-After bookkeeping [emu] (docs/emulator.md, strict item 3):
/// a budget 429 closes its whole x-ms-throttle-scope (every request of that scope, any user, must
/// wait); a transient 429 or a 503 with Retry-After holds only the user it was about; a $batch
/// envelope 429 holds only envelopes. A request inside a window counts as a violation (and extends
/// the window by its Retry-After) only if it arrived after the client could have read that 429.
/// </summary>
internal sealed partial class Throttler
{
    /// <summary>Key of the window that holds $batch envelopes of one app.</summary>
    public const string EnvelopeKey = "$batch";

    public ThrottleDecision AdmitStrict(StrictAdmission q, int costRu, int costW)
    {
        var s = _settings;
        var now = time.GetUtcNow();
        var t = _tenants.GetOrAdd(q.TenantId, _ => new TenantBudget(s));
        lock (t)
        {
            var a = t.ForApp(q.AppId, s);
            a.Ru.Refill(now, s.K);
            a.Write.Refill(now, s.K);
            t.TenantWrite.Refill(now, s.K);
            if (EarlyRetry(t, a, q, now, costW) is { } early)
            {
                if (s.Enabled)
                {
                    a.Ru.Take(costRu); // Graph keeps metering a throttled client
                }

                return early;
            }

            if (!s.Enabled)
            {
                return new ThrottleDecision(true, costRu, 0, 0, 0, null, null, false);
            }

            var scope = (string?)null;
            TokenBucket? shortBucket = null;
            var info = "";
            if (a.Write.Tokens < costW)
            {
                (shortBucket, scope, info) = (a.Write, $"Tenant_Application/Write/{q.AppId}/{q.TenantId}", "WriteLimitExceeded");
            }
            else if (t.TenantWrite.Tokens < costW)
            {
                (shortBucket, scope, info) = (t.TenantWrite, $"Tenant/Write/{q.AppId}/{q.TenantId}", "WriteLimitExceeded");
            }
            else if (a.Ru.Tokens < costRu)
            {
                // The documented Limit part names what is throttled: Read for a GET, ReadWrite otherwise.
                (shortBucket, scope, info) = (a.Ru, $"Tenant_Application/{(q.IsRead ? "Read" : "ReadWrite")}/{q.AppId}/{q.TenantId}",
                    "ResourceUnitLimitExceeded");
            }

            if (shortBucket is null)
            {
                return Spend(t, a, costRu, costW);
            }

            a.Ru.Take(costRu);
            var ra = RetryAfterSeconds(s, a, shortBucket, costRu, costW);
            var window = Window(ra, s);
            var key = WindowKey(scope!, q.TenantId);
            if (!t.ScopeWindows.TryGetValue(key, out var list))
            {
                t.ScopeWindows[key] = list = [];
            }

            list.RemoveAll(w => w.Until <= now);
            list.Add(new OpenWindow(now + window, ra, scope!, info, q.OriginId) { Delivery = q.Delivery });
            return Reject(window.TotalMilliseconds, scope, info, violation: false);
        }
    }

    /// <summary>A transient 429 / a 503 with Retry-After: only this user's requests (or envelopes, for <see cref="EnvelopeKey"/>) must wait.</summary>
    public void OpenTransientWindow(string appId, string tenantId, string userKey, string originId, Delivery delivery, int retryAfterSeconds)
    {
        var s = _settings;
        var now = time.GetUtcNow();
        var t = _tenants.GetOrAdd(tenantId, _ => new TenantBudget(s));
        lock (t)
        {
            t.ForApp(appId, s).Windows[userKey] = new OpenWindow(now + Window(retryAfterSeconds, s), retryAfterSeconds, "", "",
                originId) { Delivery = delivery };
        }
    }

    /// <summary>An envelope sent inside an envelope 429's window: the envelope is answered 429 and counted.</summary>
    public ThrottleDecision? AdmitEnvelope(string appId, string tenantId, DateTimeOffset arrived)
    {
        var s = _settings;
        var now = time.GetUtcNow();
        var t = _tenants.GetOrAdd(tenantId, _ => new TenantBudget(s));
        lock (t)
        {
            var a = t.ForApp(appId, s);
            return a.Windows.TryGetValue(EnvelopeKey, out var w) && Seen(w, now, arrived) ? Extend(a.Windows, EnvelopeKey, w, now, s) : null;
        }
    }

    private ThrottleDecision? EarlyRetry(TenantBudget t, AppBudget a, StrictAdmission q, DateTimeOffset now, int costW)
    {
        var s = _settings;
        foreach (var scope in ScopesOf(q, costW))
        {
            if (t.ScopeWindows.TryGetValue(WindowKey(scope, q.TenantId), out var list))
            {
                list.RemoveAll(w => w.Until <= now);
                var i = list.FindIndex(w => Seen(w, now, q.Arrived));
                if (i >= 0)
                {
                    var w = list[i];
                    list[i] = w with { Until = w.Until + Window(w.RetryAfterSeconds, s) };
                    return Reject((list[i].Until - now).TotalMilliseconds, w.Scope, w.Information, violation: true);
                }
            }
        }

        return a.Windows.TryGetValue(q.UserKey, out var transient) && Seen(transient, now, q.Arrived)
            ? Extend(a.Windows, q.UserKey, transient, now, s)
            : null;
    }

    private static ThrottleDecision Extend(Dictionary<string, OpenWindow> windows, string key, OpenWindow w, DateTimeOffset now, ThrottleSettings s)
    {
        var extended = w with { Until = w.Until + Window(w.RetryAfterSeconds, s) };
        windows[key] = extended;
        return Reject((extended.Until - now).TotalMilliseconds, null, null, violation: true);
    }

    /// <summary>Open, and its 429 had reached the client before this request was sent.</summary>
    private static bool Seen(OpenWindow w, DateTimeOffset now, DateTimeOffset arrived) =>
        now < w.Until && w.Delivery is { } d && d.SeenBefore(arrived);

    /// <summary>The scopes a request falls under (docs/graph-behaviour.md §T1.3: Read = GET, Write = POST/PATCH/PUT/DELETE, ReadWrite = any).</summary>
    private static IEnumerable<string> ScopesOf(StrictAdmission q, int costW)
    {
        yield return $"Tenant_Application/ReadWrite/{q.AppId}/{q.TenantId}";
        if (q.IsRead)
        {
            yield return $"Tenant_Application/Read/{q.AppId}/{q.TenantId}";
        }

        if (costW > 0)
        {
            yield return $"Tenant_Application/Write/{q.AppId}/{q.TenantId}";
            yield return $"Tenant/Write/{q.AppId}/{q.TenantId}";
        }
    }

    /// <summary>The tenant scope is shared by every app, whichever app's id its header names.</summary>
    private static string WindowKey(string scope, string tenantId) =>
        scope.StartsWith("Tenant/", StringComparison.Ordinal) ? "Tenant/Write/" + tenantId : scope;
}

/// <summary>Who asks, for what, and when the request (or its envelope) arrived.</summary>
internal readonly record struct StrictAdmission(
    string AppId, string TenantId, string UserKey, string OriginId, bool IsRead, Delivery Delivery, DateTimeOffset Arrived);
