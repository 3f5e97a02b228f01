namespace GraphEmulator.Seed;

/// <summary>Seeded authentication methods of the kinds only a user (or an earlier tool) registers. Ids default to stable GUIDs.</summary>
public abstract class SeedMethod
{
    public string? Id { get; set; }
    public DateTimeOffset? CreatedDateTime { get; set; }
}

public sealed class SeedTemporaryAccessPass : SeedMethod
{
    public DateTimeOffset? StartDateTime { get; set; }
    public int LifetimeInMinutes { get; set; } = 60;
    public bool IsUsableOnce { get; set; }

    /// <summary>The pass was already used to sign in (a one-time pass then reads <c>OneTimeUsed</c>).</summary>
    public bool Used { get; set; }
}

public sealed class SeedAuthenticatorMethod : SeedMethod
{
    public string? DisplayName { get; set; }
    public string? DeviceTag { get; set; }
    public string? PhoneAppVersion { get; set; }
}

public sealed class SeedFido2Method : SeedMethod
{
    public string? DisplayName { get; set; }
    public string? AaGuid { get; set; }
    public string? Model { get; set; }

    /// <summary>"attested" or "notAttested".</summary>
    public string AttestationLevel { get; set; } = "attested";
}

public sealed class SeedWindowsHelloMethod : SeedMethod
{
    public string? DisplayName { get; set; }

    /// <summary>"normal", "weak" or "unknown".</summary>
    public string KeyStrength { get; set; } = "normal";
}

public sealed class SeedSoftwareOathMethod : SeedMethod;

public sealed class SeedPlatformCredentialMethod : SeedMethod
{
    public string? DisplayName { get; set; }
    public string KeyStrength { get; set; } = "normal";

    /// <summary>"macOS" (the documented case), "windows", "iOS", "android", "linux" or "unknown".</summary>
    public string Platform { get; set; } = "macOS";
}

public sealed class SeedExternalMethod : SeedMethod
{
    public string ConfigurationId { get; set; } = "";
    public string? DisplayName { get; set; }
}

public sealed class SeedQrCodePinMethod : SeedMethod
{
    public DateTimeOffset? StartDateTime { get; set; }
    public DateTimeOffset? ExpireDateTime { get; set; }
}

/// <summary>A token in the tenant inventory; assigned (and activated) when <see cref="AssignTo"/> names a user.</summary>
public sealed class SeedHardwareOathDevice
{
    public string? Id { get; set; }
    public string SerialNumber { get; set; } = "";
    public string Manufacturer { get; set; } = "";
    public string Model { get; set; } = "";

    /// <summary>Base32, as vendors ship it and the portal's CSV carries it.</summary>
    public string SecretKey { get; set; } = "";
    public int TimeIntervalInSeconds { get; set; } = 30;

    /// <summary>"hmacsha1" (default) or "hmacsha256".</summary>
    public string HashFunction { get; set; } = "hmacsha1";
    public string? DisplayName { get; set; }

    /// <summary>User id or UPN the token is assigned to.</summary>
    public string? AssignTo { get; set; }

    /// <summary>"assigned" or "activated" for an assigned token.</summary>
    public string? Status { get; set; }
}
