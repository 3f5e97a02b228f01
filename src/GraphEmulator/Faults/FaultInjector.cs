using System.Collections.Concurrent;

namespace GraphEmulator.Faults;

/// <summary>
/// Decides, reproducibly, which (sub-)requests fail and how. Each draw is a hash of the fault
/// seed, the request's method and path, and how many times that same method+path was seen — so
/// the same seed and the same requests give the same faults even when concurrency changes the
/// interleaving. Scheduled faults (tests) win over the profile.
/// </summary>
internal sealed partial class FaultInjector
{
    private static readonly int[] ReadCodes = [429, 500, 502, 503, 504];
    private static readonly int[] WriteCodes = [429, 500, 502, 503, 504, 507];

    private readonly ConcurrentDictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly List<ScheduledFault> _scheduled = [];
    private volatile FaultRates _rates = FaultRates.Resolve("off");
    private int _seed;
    private double _strictScale = 1;

    public FaultRates Rates => _rates;

    /// <summary>The strict profile is on (docs/emulator.md, "The strict profile").</summary>
    public bool Strict => _rates.Strict;

    public void Configure(string profile, int seed, double strictScale = 1)
    {
        _rates = FaultRates.Resolve(profile);
        _seed = seed;
        _strictScale = Math.Max(0, strictScale);
        _occurrences.Clear();
    }

    public void Schedule(EmulatorFault fault, int count, string? method, string? pathContains)
    {
        lock (_scheduled)
        {
            _scheduled.Add(new ScheduledFault(fault, count, method, pathContains));
        }
    }

    public void ClearScheduled()
    {
        lock (_scheduled)
        {
            _scheduled.Clear();
        }
    }

    /// <summary>
    /// Fault for one direct call or batch item. <paramref name="url"/> is the url as sent (scheduled
    /// faults match it); <paramref name="callKey"/> names the call independently of how the user was
    /// addressed (object id, route, method id) and keys the seeded draws. Inside a batch a drop is
    /// impossible, so it becomes a 504.
    /// </summary>
    public FaultDecision Decide(string method, string url, string callKey, bool isWrite, bool inBatch)
    {
        if (TakeScheduled(method, url, callKey) is { } forced)
        {
            return forced;
        }

        var r = _rates;
        if (r.Status5xx == 0 && r.Spurious429 == 0 && r.LostResponse == 0 && r.Drop == 0)
        {
            return FaultDecision.None;
        }

        var key = method + " " + callKey;
        var n = _occurrences.AddOrUpdate(key, 1, (_, v) => v + 1);
        var u = Draw(key, n, 1);
        var pick = Draw(key, n, 2);
        if (r.Strict)
        {
            return _strictScale == 0 ? FaultDecision.None : DecideStrict(key, n, u / _strictScale, pick, isWrite, inBatch);
        }

        if (r.Chaos && !inBatch && u < r.Status5xx)
        {
            var codes = isWrite && method != "PATCH" ? WriteCodes : ReadCodes;
            var code = codes[(int)(pick * codes.Length)];
            return new FaultDecision(FaultKind.Status, code, false, code == 429 ? "spurious429" : $"status{code}");
        }

        if (!r.Chaos)
        {
            // docs/graph-behaviour.md §T6.4 realistic split of the 1 %: 503 0.5 %, 504 0.2 %, 500 0.2 %, 502 0.1 %.
            if (u < r.Status5xx)
            {
                var code = u < 0.005 ? 503 : u < 0.007 ? 504 : u < 0.009 ? 500 : 502;
                return new FaultDecision(FaultKind.Status, code, false, $"status{code}");
            }

            if (u < r.Status5xx + r.Spurious429)
            {
                return FaultDecision.From(EmulatorFault.Throttle429);
            }
        }

        var v = Draw(key, n, 3);
        if (isWrite && v < r.LostResponse)
        {
            return pick < 0.4 ? FaultDecision.From(EmulatorFault.LostResponse503)
                : pick < 0.8 || inBatch ? FaultDecision.From(EmulatorFault.LostResponse504)
                : FaultDecision.From(EmulatorFault.LostResponseAbort);
        }

        return !inBatch && v >= r.LostResponse && v < r.LostResponse + r.Drop
            ? FaultDecision.From(EmulatorFault.DropConnection)
            : FaultDecision.None;
    }

    /// <summary>
    /// Envelope-level draw for a $batch: in chaos a failed batch fails every item (Dev Proxy
    /// parity); in any profile the envelope's response can be lost after all items ran; in strict
    /// the envelope itself can be answered 429, 503 or 504. Scheduled envelope faults win.
    /// </summary>
    public EnvelopeFault DecideBatch(string envelopeKey)
    {
        if (TakeScheduled("POST", "/$batch", "$batch", envelope: true) is { } forced)
        {
            return EnvelopeFault.From(forced);
        }

        var r = _rates;
        if (r.Status5xx == 0 && r.Drop == 0)
        {
            return EnvelopeFault.None;
        }

        var n = _occurrences.AddOrUpdate("$batch " + envelopeKey, 1, (_, v) => v + 1);
        var u = Draw(envelopeKey, n, 4);
        var pick = Draw(envelopeKey, n, 6);
        if (!r.Strict)
        {
            return new EnvelopeFault(r.Chaos && u < r.Status5xx, Draw(envelopeKey, n, 5) < r.Drop, pick);
        }

        if (_strictScale == 0)
        {
            return EnvelopeFault.None;
        }

        u /= _strictScale;
        var edge = 0.0;
        if (u < (edge += StrictRates.Envelope429))
        {
            return new EnvelopeFault(false, false, pick, 429, 1 + (int)(Draw(envelopeKey, n, 7) * 5), false, "envelope429");
        }

        if (u < (edge += StrictRates.Envelope503))
        {
            return new EnvelopeFault(false, false, pick, 503, pick < 0.5 ? 1 + (int)(Draw(envelopeKey, n, 7) * 5) : 0, false, "envelope503");
        }

        if (u < edge + StrictRates.Envelope504)
        {
            return new EnvelopeFault(false, false, pick, 504, 0, pick < 0.5, pick < 0.5 ? "envelope504AfterItemsRan" : "envelope504");
        }

        return new EnvelopeFault(false, Draw(envelopeKey, n, 5) / _strictScale < StrictRates.EnvelopeLost, pick);
    }

    /// <summary>How many times this key has been seen (1 the first time); keys reproducible draws of repeated calls.</summary>
    public int Occurrence(string key) => _occurrences.AddOrUpdate("#" + key, 1, (_, v) => v + 1);

    /// <summary>A seeded uniform [0,1) for other reproducible choices (batch order, read lag).</summary>
    public double Uniform(string key, int occurrence, int salt) => Draw(key, occurrence, salt + 100);

    /// <summary>A chaos code for one item of a batch that failed as a whole.</summary>
    public static int ChaosCode(string method, double pick, int index)
    {
        var codes = method is "GET" or "PATCH" ? ReadCodes : WriteCodes;
        return codes[(int)(((pick * 7919) + index) % codes.Length)];
    }

    private FaultDecision? TakeScheduled(string method, string url, string callKey) =>
        TakeScheduled(method, url, callKey, envelope: false) is { } f ? FaultDecision.From(f) : null;

    private EmulatorFault? TakeScheduled(string method, string url, string callKey, bool envelope)
    {
        lock (_scheduled)
        {
            for (var i = 0; i < _scheduled.Count; i++)
            {
                var f = _scheduled[i];
                if (IsEnvelopeFault(f.Fault) != envelope)
                {
                    continue;
                }

                if ((f.Method is null || string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase))
                    && (f.PathContains is null || Uri.UnescapeDataString(url).Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)
                        || callKey.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)))
                {
                    f.Remaining--;
                    if (f.Remaining <= 0)
                    {
                        _scheduled.RemoveAt(i);
                    }

                    return f.Fault;
                }
            }
        }

        return null;
    }

    private static bool IsEnvelopeFault(EmulatorFault f) =>
        f is EmulatorFault.Envelope429 or EmulatorFault.Envelope503 or EmulatorFault.Envelope504AfterItemsRan;

    /// <summary>Uniform [0,1) from (seed, key, occurrence, salt): FNV-1a then SplitMix64, stable across runs.</summary>
    private double Draw(string key, int occurrence, int salt)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        var x = h ^ ((ulong)(uint)_seed << 32) ^ ((ulong)occurrence * 0x9E3779B97F4A7C15UL) ^ ((ulong)salt << 56);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private sealed class ScheduledFault(EmulatorFault fault, int count, string? method, string? pathContains)
    {
        public EmulatorFault Fault { get; } = fault;
        public int Remaining { get; set; } = count;
        public string? Method { get; } = method;
        public string? PathContains { get; } = pathContains;
    }
}
