namespace GraphEmulator.Seed;

/// <summary>
/// The tenant's authentication methods policy (<c>/policies/authenticationMethodsPolicy</c>), one member per method
/// configuration. A configuration the seed leaves out is enabled for all users with Graph's documented defaults
/// (docs/graph-behaviour.md §12.2), so a seed without <c>policies</c> behaves as before.
/// </summary>
public sealed class SeedPolicies
{
    public SeedTapPolicy? TemporaryAccessPass { get; set; }

    /// <summary>The SMS configuration; its include targets carry <c>isUsableForSignIn</c>.</summary>
    public SeedMethodPolicy? Sms { get; set; }

    /// <summary>The older SMS sign-in shortcut: members of these groups (ids or names) may use SMS sign-in.</summary>
    public SeedSmsPolicy? SmsSignIn { get; set; }

    public SeedMethodPolicy? Voice { get; set; }
    public SeedMethodPolicy? Email { get; set; }
    public SeedMethodPolicy? Fido2 { get; set; }
    public SeedMethodPolicy? MicrosoftAuthenticator { get; set; }
    public SeedMethodPolicy? SoftwareOath { get; set; }
    public SeedMethodPolicy? HardwareOath { get; set; }
    public SeedQrCodePinPolicy? QrCodePin { get; set; }

    /// <summary>External MFA providers configured in the tenant; none unless the seed lists some.</summary>
    public List<SeedExternalMethodPolicy>? ExternalAuthenticationMethods { get; set; }
}

/// <summary>What every method configuration has: state and who is in or out.</summary>
public class SeedMethodPolicy
{
    /// <summary>"enabled" or "disabled".</summary>
    public string State { get; set; } = "enabled";

    /// <summary>Null: all users (<c>all_users</c>). Empty: nobody.</summary>
    public List<SeedTarget>? IncludeTargets { get; set; }

    public List<SeedTarget>? ExcludeTargets { get; set; }
}

/// <summary>An include or exclude target: <c>all_users</c>, a group (id or display name) or a user (id or UPN).</summary>
public sealed class SeedTarget
{
    public string Id { get; set; } = "";

    /// <summary>"group" (default) or "user".</summary>
    public string TargetType { get; set; } = "group";

    /// <summary>SMS only: members of this target may also use SMS sign-in (not only SMS as a second factor).</summary>
    public bool? IsUsableForSignIn { get; set; }
}

/// <summary>The older SMS sign-in shortcut; kept because existing seeds use it.</summary>
public sealed class SeedSmsPolicy
{
    /// <summary>Members of these groups (ids or names, see <see cref="SeedUser.Groups"/>) are in SMS sign-in scope.</summary>
    public List<string> IncludeGroups { get; set; } = [];
}

/// <summary>Mirror of temporaryAccessPassAuthenticationMethodConfiguration, with Graph's defaults.</summary>
public sealed class SeedTapPolicy : SeedMethodPolicy
{
    public int DefaultLifetimeInMinutes { get; set; } = 60;
    public int MinimumLifetimeInMinutes { get; set; } = 60;
    public int MaximumLifetimeInMinutes { get; set; } = 480;
    public int DefaultLength { get; set; } = 8;

    /// <summary>When true every pass in the tenant is one-time; asking for a multi-use pass is refused.</summary>
    public bool IsUsableOnce { get; set; }
}

/// <summary>Mirror of qrCodePinAuthenticationMethodConfiguration, with Graph's defaults.</summary>
public sealed class SeedQrCodePinPolicy : SeedMethodPolicy
{
    public int StandardQRCodeLifetimeInDays { get; set; } = 365;
    public int PinLength { get; set; } = 8;
}

/// <summary>Mirror of externalAuthenticationMethodConfiguration: one external MFA provider.</summary>
public sealed class SeedExternalMethodPolicy : SeedMethodPolicy
{
    /// <summary>The configuration id a user's externalAuthenticationMethod names (<c>configurationId</c>).</summary>
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string AppId { get; set; } = "";
    public string? ClientId { get; set; }
    public string? DiscoveryUrl { get; set; }
}

/// <summary>A security group. Members are user ids or UPNs and group ids (nested groups).</summary>
public sealed class SeedGroup
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Members { get; set; } = [];
}
