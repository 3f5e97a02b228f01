using GraphEmulator.Seed;

namespace GraphEmulator;

/// <summary>
/// Everything the emulator can be told at start-up. Bindable from the "GraphEmulator" section of
/// appsettings.json (standalone) or filled in code (tests, the CLI's --emulator target); both go
/// through <see cref="GraphEmulatorHost.StartAsync"/>, so there is one code path.
/// </summary>
public sealed class GraphEmulatorOptions
{
    /// <summary>Configuration section read by the standalone host.</summary>
    public const string SectionName = "GraphEmulator";

    /// <summary>Path of a directory seed (samples/directory.json shape). Ignored when <see cref="Seed"/> is set.</summary>
    public string? SeedPath { get; set; }

    /// <summary>A seed object; wins over <see cref="SeedPath"/>. Neither set means an empty directory.</summary>
    public DirectorySeed? Seed { get; set; }

    /// <summary>Listen addresses (e.g. "https://127.0.0.1:5443"). Null binds 127.0.0.1 on a free port.</summary>
    public string? Urls { get; set; }

    /// <summary>Serve over https with a self-signed certificate made in-process (Azure.Identity refuses http).</summary>
    public bool UseHttps { get; set; } = true;

    /// <summary>"entra-L" (default), "entra-M", "entra-S" or "off".</summary>
    public string ThrottlingProfile { get; set; } = "entra-L";

    /// <summary>Optional budget and cost overrides on top of <see cref="ThrottlingProfile"/>.</summary>
    public ThrottlingOverrides? ThrottlingOverrides { get; set; }

    /// <summary>Time compression k: refill periods, Retry-After windows and latencies are divided by k.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>
    /// "off" (default), "realistic", "chaos" (docs/graph-behaviour.md §T6.4) or "strict" (where Graph is
    /// undocumented or nondeterministic, the hard case; docs/emulator.md "The strict profile").
    /// </summary>
    public string FaultProfile { get; set; } = "off";

    /// <summary>Seed of the fault draws; the same seed and the same requests give the same faults.</summary>
    public int FaultSeed { get; set; }

    /// <summary>"off" (default) or "realistic" (log-normal per method, docs/graph-behaviour.md §T6.5, divided by k).</summary>
    public string LatencyProfile { get; set; } = "off";

    /// <summary>
    /// Strict: multiplies the rates of the seeded random faults (1 = the documented mix; 0 = none,
    /// every other strict behaviour stays — for tests that isolate one behaviour).
    /// </summary>
    public double StrictFaultScale { get; set; } = 1;

    /// <summary>Strict: a write becomes visible to reads after a seeded delay of 0 to this many emulated seconds.</summary>
    public double ReadAfterWriteLagSeconds { get; set; } = 2;

    /// <summary>When true, creating/updating a mobile whose number is another user's SMS sign-in number answers 409 phoneNumberNotUnique.</summary>
    public bool EnforcePhoneNumberUniqueness { get; set; } = true;

    /// <summary>Registered client applications. Empty means one default app (<see cref="EmulatorClientApp.CreateDefault"/>).</summary>
    public List<EmulatorClientApp> Apps { get; set; } = [];

    /// <summary>UPN (or object id) of the seeded user the device-code flow signs in, auto-approved [emu]; null refuses device-code sign-ins.</summary>
    public string? DeviceCodeAdmin { get; set; }

    /// <summary>Verified domain accepted in the token URL besides the tenant id.</summary>
    public string TenantDomain { get; set; } = "contoso.onmicrosoft.com";

    /// <summary>Lifetime of issued access tokens (expires_in).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many recent requests /_emulator/requests keeps.</summary>
    public int RequestLogCapacity { get; set; } = 2000;

    /// <summary>Stop on Ctrl+C / SIGTERM (standalone exe). Off in-process, where the host process owns its signals.</summary>
    public bool StopOnConsoleSignals { get; set; }

    /// <summary>Write warnings and errors of the web host to the console (standalone use).</summary>
    public bool ConsoleLogging { get; set; }

    /// <summary>Clock for tokens, buckets, Retry-After windows and TAP validity; use FakeTimeProvider in tests.</summary>
#pragma warning disable RS0030 // the emulator's composition default: a host that is given no clock runs on the real one
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
#pragma warning restore RS0030
}

/// <summary>A client application registered in the emulated tenant (client credentials).</summary>
public sealed class EmulatorClientApp
{
    /// <summary>Tenant id of the default app [emu].</summary>
    public const string DefaultTenantId = "0b5a8f3e-6c2d-4e1f-9a7b-3c4d5e6f7a8b";

    /// <summary>Client id of the default app [emu].</summary>
    public const string DefaultClientId = "5d3c2b1a-9e8f-4a7b-8c6d-1e2f3a4b5c6d";

    /// <summary>Secret of the default app. A well-known test value, not a credential.</summary>
    public const string DefaultClientSecret = "emulator-client-secret";

    public string TenantId { get; set; } = DefaultTenantId;
    public string ClientId { get; set; } = DefaultClientId;
    public string ClientSecret { get; set; } = DefaultClientSecret;

    /// <summary>Application permissions granted (they appear in the token's roles claim).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Public certificates (PEM, or base64 DER) the app may sign a client assertion with instead of the secret.</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>
    /// The app used when none is configured: may read users and their groups, read/write authentication methods and the
    /// methods policy (the hardware OATH inventory needs write), and revoke sessions: everything a rehearsal run uses.
    /// </summary>
    public static EmulatorClientApp CreateDefault() => new()
    {
        Roles =
        [
            Auth.Permissions.MethodsReadWrite, Auth.Permissions.UserReadAll, Auth.Permissions.GroupMemberReadAll,
            Auth.Permissions.PolicyReadWriteMethods, Auth.Permissions.RevokeSessions,
        ],
    };
}

/// <summary>Overrides for the throttling profile; null members keep the profile's value.</summary>
public sealed class ThrottlingOverrides
{
    public double? RuCapacity { get; set; }
    public double? RuRefillPerSecond { get; set; }
    public double? WriteCapacity { get; set; }
    public double? WriteRefillPerSecond { get; set; }
    public double? TenantWriteCapacity { get; set; }
    public double? TenantWriteRefillPerSecond { get; set; }

    /// <summary>"computed" (default: ceil(deficit / refill)) or "fixed" (10 s, the docs' sample).</summary>
    public string? RetryAfterMode { get; set; }

    /// <summary>Cost overrides keyed by route name (e.g. "POST phoneMethods"), value "ru,w" (e.g. "1,1").</summary>
    public Dictionary<string, string> Costs { get; set; } = [];
}
