using System.Text.Json.Nodes;
using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>An include or exclude target, resolved: <c>all_users</c>, a group id or a user id.</summary>
internal sealed record PolicyTarget(string Id, string TargetType, bool? IsUsableForSignIn)
{
    public const string AllUsers = "all_users";

    public bool Matches(UserRecord user) =>
        string.Equals(Id, AllUsers, StringComparison.OrdinalIgnoreCase)
        || (string.Equals(TargetType, "user", StringComparison.OrdinalIgnoreCase)
            ? string.Equals(Id, user.Id, StringComparison.OrdinalIgnoreCase)
            : user.TransitiveGroups.Contains(Id));
}

/// <summary>
/// One authentication method configuration of the tenant's methods policy (docs/graph-behaviour.md §12.1): a user may
/// register the method when it is enabled, the user is in an include target and in no exclude target.
/// </summary>
internal sealed class MethodConfiguration
{
    public required string Id { get; init; }

    /// <summary>Type name without the "#microsoft.graph." prefix, e.g. temporaryAccessPassAuthenticationMethodConfiguration.</summary>
    public required string ODataType { get; init; }
    public required string State { get; init; }
    public required IReadOnlyList<PolicyTarget> Include { get; init; }
    public required IReadOnlyList<PolicyTarget> Exclude { get; init; }

    /// <summary>The type's own properties (TAP bounds, QR lifetime, external provider), written after state.</summary>
    public JsonObject Settings { get; init; } = [];

    /// <summary>hardwareOathAuthenticationMethodConfiguration exists on beta only.</summary>
    public bool BetaOnly { get; init; }

    public bool IsExternal { get; init; }

    public bool Enabled => string.Equals(State, "enabled", StringComparison.OrdinalIgnoreCase);

    public bool Allows(UserRecord user) => Enabled && !Exclude.Any(t => t.Matches(user)) && Include.Any(t => t.Matches(user));
}

/// <summary>The tenant's authentication methods policy as the seed (or Graph's defaults) made it; immutable.</summary>
internal sealed class AuthenticationMethodsPolicy(IReadOnlyList<MethodConfiguration> configurations, SeedTapPolicy tap, SeedQrCodePinPolicy qr)
{
    public const string TemporaryAccessPass = "TemporaryAccessPass";
    public const string Sms = "Sms";
    public const string Voice = "Voice";
    public const string HardwareOath = "HardwareOath";
    public const string QrCodePin = "qrCodePin";

    public IReadOnlyList<MethodConfiguration> Configurations { get; } = configurations;

    public SeedTapPolicy Tap { get; } = tap;

    public SeedQrCodePinPolicy Qr { get; } = qr;

    /// <summary>Configuration ids compare without regard to case (Graph's docs spell qrCodePin both ways).</summary>
    public MethodConfiguration? Find(string id) =>
        Configurations.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    public bool Allows(string id, UserRecord user) => Find(id)?.Allows(user) == true;

    /// <summary>
    /// In SMS sign-in scope: SMS enabled for the user and a matching include target has isUsableForSignIn. Any one
    /// such target is enough when several match [emu: Graph does not document how targets combine].
    /// </summary>
    public bool SmsSignIn(UserRecord user) =>
        Find(Sms) is { } sms && sms.Allows(user) && sms.Include.Any(t => t.IsUsableForSignIn == true && t.Matches(user));

    /// <summary>
    /// A phone method serves SMS and voice, so it is refused only when neither configuration lets the user in
    /// [emu: Graph documents no refusal of phone writes by policy; this is the narrowest one the policy implies].
    /// </summary>
    public bool AllowsPhone(UserRecord user) => Allows(Sms, user) || Allows(Voice, user);
}
