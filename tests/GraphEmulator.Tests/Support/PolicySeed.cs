using GraphEmulator.Seed;
using Microsoft.Graph;

namespace GraphEmulator.Tests.Support;

/// <summary>The sample tenant with a methods policy, groups, managers, a late user and every method type (samples/directory-policies.json).</summary>
public static class PolicySeed
{
    public static DirectorySeed Load() => DirectorySeed.Load(Samples.PathOf("directory-policies.json"));

    /// <summary>The seed's own ids are GUIDs derived from names; tests read them from the seed rather than copy them.</summary>
    public static string GroupId(string displayName) => Load().Groups!.Single(g => g.DisplayName == displayName).Id;

    public static string UserId(string upnPrefix) => Load().Users.Single(u => u.UserPrincipalName.StartsWith(upnPrefix + "@", StringComparison.Ordinal)).Id;

    public const string Manager = "nora.patel@contoso.com";
    public const string NewHire = "ava.new@contoso.com";
    public const string TapExcluded = "ben.new@contoso.com";
    public const string Late = "cara.late@contoso.com";
    public const string NoManager = "dan.nomanager@contoso.com";
    public const string Frontline = "eve.frontline@contoso.com";
    public const string FrontlineWithQr = "finn.frontline@contoso.com";
    public const string Office = "gina.office@contoso.com";
    public const string SmsPilot = "hugo.sms@contoso.com";
    public const string OathUser = "ines.oath@contoso.com";
    public const string OathFull = "jon.oathfull@contoso.com";
    public const string External = "kim.external@contoso.com";
    public const string UsedTap = "leo.usedtap@contoso.com";
    public const string Everything = "maya.everything@contoso.com";
    public const string OutsideTapGroups = "omar.haddad@contoso.com";
    public const string Guest = "tara.guest_fabrikam.com#EXT#@contoso.onmicrosoft.com";
}

/// <summary>
/// One emulator per collection seeded with <see cref="PolicySeed"/>, its budgets and faults off (tests reset it), on a
/// fake clock that stands still at <see cref="Clocks.EmulatorStart"/>, so the seed's dates (passes, QR codes, hire dates)
/// mean the same whatever day the tests run, and hardware token codes are computed for that instant.
/// </summary>
public sealed class PolicyEmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = Clocks.AtEmulatorStart();

    public async Task InitializeAsync() => Emulator = await TestEmulator.StartAsync(o =>
    {
        o.Seed = PolicySeed.Load();
        o.ThrottlingProfile = "off";
        o.FaultProfile = "off";
        o.TimeProvider = Time;
    });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public GraphServiceClient Client(params string[] roles) =>
        Clients.Graph(Emulator, Emulator.IssueToken(roles.Length > 0 ? roles : Clients.PolicyRoles));
}

[CollectionDefinition(Name)]
public sealed class PolicyEmulatorCollection : ICollectionFixture<PolicyEmulatorFixture>
{
    public const string Name = "policy emulator";
}
