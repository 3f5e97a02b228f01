using GraphEmulator.Auth;
using GraphEmulator.Faults;
using GraphEmulator.Inspection;
using GraphEmulator.Seed;
using GraphEmulator.State;
using GraphEmulator.Throttling;

namespace GraphEmulator;

/// <summary>
/// Everything one emulator instance holds: directory, apps and tokens, budget, faults, counters.
/// Endpoints and <see cref="RunningEmulator"/> share this object, so /_emulator and the
/// in-process API always show the same data.
/// </summary>
internal sealed class EmulatorServices
{
    private DirectorySeed _seed;
    private volatile DirectoryState _directory;

    public EmulatorServices(GraphEmulatorOptions options)
    {
        Options = options;
        DeviceCodeAdmin = options.DeviceCodeAdmin;
        Time = options.TimeProvider;
        _seed = options.Seed ?? (options.SeedPath is { } p ? DirectorySeed.Load(p) : new DirectorySeed());
        _directory = Build(_seed, FaultRates.Resolve(options.FaultProfile).Strict);
        Apps = new AppRegistry(options.Apps);
        Tokens = new TokenService(Time);
        Throttler = new Throttler(Time);
        Log = new RequestLog(options.RequestLogCapacity);
        ApplyStartupProfiles();
    }

    public GraphEmulatorOptions Options { get; }
    public TimeProvider Time { get; }
    public DirectoryState Directory => _directory;

    /// <summary>
    /// Names the directory as it was built (at start, reset, reseed): a client that remembers what it applied (the state
    /// store) keys it by this, since after a restart or reset the same URL and tenant id serve a fresh tenant.
    /// </summary>
    public string DirectoryId { get; private set; } = Guid.NewGuid().ToString("N");
    public AppRegistry Apps { get; }
    public TokenService Tokens { get; }
    public Throttler Throttler { get; }
    public FaultInjector Faults { get; } = new();
    public LatencyModel Latency { get; } = new();
    public EmulatorStats Stats { get; } = new();
    public RequestLog Log { get; }

    /// <summary>Public origin of Graph links (Location headers); set once the server is bound.</summary>
    public string GraphBaseUrl { get; set; } = "https://127.0.0.1/v1.0";

    /// <summary>Who the device-code flow signs in (starts as <see cref="GraphEmulatorOptions.DeviceCodeAdmin"/>).</summary>
    public string? DeviceCodeAdmin { get; set; }

    /// <summary>
    /// Back to the state at start-up: directory from the current seed, counters, log, buckets,
    /// windows, fault profile and draws, app grants. Issued tokens stay valid so a client's
    /// cached token keeps working across tests.
    /// </summary>
    public void Reset()
    {
        _directory = Build(_seed, FaultRates.Resolve(Options.FaultProfile).Strict);
        DirectoryId = Guid.NewGuid().ToString("N");
        Stats.Reset();
        Log.Clear();
        Apps.Reset();
        Faults.ClearScheduled();
        DeviceCodeAdmin = Options.DeviceCodeAdmin;
        ApplyStartupProfiles();
    }

    public void Reseed(DirectorySeed seed)
    {
        var directory = Build(seed, Faults.Strict);
        _seed = seed;
        _directory = directory;
        DirectoryId = Guid.NewGuid().ToString("N");
    }

    public void SetFaults(string profile, int? seed, string? latency)
    {
        Faults.Configure(profile, seed ?? Options.FaultSeed, Options.StrictFaultScale);
        if (Faults.Strict != _directory.Strict)
        {
            // SMS sign-in scope defaults and stored number forms differ in strict: rebuild from the seed.
            _directory = Build(_seed, Faults.Strict);
        }

        if (latency is not null)
        {
            Latency.Configure(latency, seed ?? Options.FaultSeed, Throttler.Settings.K);
        }
    }

    public void SetThrottling(string profile, double? k, ThrottlingOverrides? overrides)
    {
        var settings = ThrottleSettings.Resolve(profile, overrides ?? Options.ThrottlingOverrides, k ?? Throttler.Settings.K);
        Throttler.Configure(settings);
    }

    /// <summary>
    /// Strict read-after-write lag for this user's latest write: a seeded 0..ReadAfterWriteLagSeconds
    /// emulated seconds, divided by k on the wall clock.
    /// </summary>
    public TimeSpan ReadLag(UserRecord user)
    {
        var emulatedSeconds = Faults.Uniform(user.Id + "|read-lag", user.WritesApplied, 0) * Math.Max(0, Options.ReadAfterWriteLagSeconds);
        return TimeSpan.FromMilliseconds(emulatedSeconds * 1000 / Throttler.Settings.K);
    }

    private DirectoryState Build(DirectorySeed seed, bool strict) =>
        new(seed, Options.EnforcePhoneNumberUniqueness, strict, Options.FaultSeed, Time.GetUtcNow());

    private void ApplyStartupProfiles()
    {
        Throttler.Configure(ThrottleSettings.Resolve(Options.ThrottlingProfile, Options.ThrottlingOverrides, Options.TimeCompression));
        Faults.Configure(Options.FaultProfile, Options.FaultSeed, Options.StrictFaultScale);
        Latency.Configure(Options.LatencyProfile, Options.FaultSeed, Options.TimeCompression);
    }
}
