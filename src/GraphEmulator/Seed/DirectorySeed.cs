using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphEmulator.Seed;

/// <summary>
/// The directory the emulator starts with, shaped like a Graph users collection
/// (<c>{"users":[...]}</c>) plus optional tenant policies, groups and a hardware OATH token inventory.
/// Schema: docs/emulator.md "Seed schema".
/// </summary>
public sealed class DirectorySeed
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public SeedPolicies? Policies { get; set; }

    /// <summary>Security groups with their members (users by id or UPN, nested groups by id).</summary>
    public List<SeedGroup>? Groups { get; set; }

    /// <summary>The tenant's hardware OATH token inventory (beta <c>/directory/authenticationMethodDevices</c>).</summary>
    public List<SeedHardwareOathDevice>? HardwareOathDevices { get; set; }

    public List<SeedUser> Users { get; set; } = [];

    public static DirectorySeed Parse(string json) =>
        JsonSerializer.Deserialize<DirectorySeed>(json, Json)
        ?? throw new InvalidDataException("The directory seed is empty.");

    public static DirectorySeed Load(string path) => Parse(File.ReadAllText(path));
}

public sealed class SeedUser
{
    public string Id { get; set; } = "";
    public string UserPrincipalName { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? UsageLocation { get; set; }
    public string? Mail { get; set; }

    /// <summary>
    /// "notAllowedByPolicy" puts the user outside the SMS sign-in policy, "allowed" inside it. Absent:
    /// in scope through an included group; otherwise in scope, except under the strict profile.
    /// </summary>
    public string? SmsSignIn { get; set; }

    /// <summary>Groups the user is a direct member of, by id or display name; a name no seeded group has makes a group of that name.</summary>
    public List<string>? Groups { get; set; }

    /// <summary>"notAllowedByPolicy" puts the user outside the TAP policy's include groups.</summary>
    public string? TemporaryAccessPass { get; set; }

    /// <summary>Phones the user already has (phoneType + phoneNumber).</summary>
    public List<SeedPhone>? PhoneMethods { get; set; }

    /// <summary>At most one e-mail method.</summary>
    public List<SeedEmail>? EmailMethods { get; set; }

    /// <summary>The user's hire date (<c>employeeHireDate</c>), returned with $select.</summary>
    public DateTimeOffset? EmployeeHireDate { get; set; }

    /// <summary>The manager's object id or UPN (<c>GET users/{id}/manager</c>, <c>$expand=manager</c>).</summary>
    public string? Manager { get; set; }

    /// <summary>
    /// The user exists only this many emulated seconds after the directory was built (start, reset, reseed): before,
    /// every call about them answers 404 Request_ResourceNotFound, like a user HR provisioning has not replicated yet.
    /// </summary>
    public double? AppearsAfterSeconds { get; set; }

    /// <summary>The id of the method the user has chosen as default MFA method; it cannot be deleted while other methods exist.</summary>
    public string? DefaultMethodId { get; set; }

    /// <summary>At most one pass, possibly already used.</summary>
    public List<SeedTemporaryAccessPass>? TemporaryAccessPassMethods { get; set; }

    public List<SeedAuthenticatorMethod>? MicrosoftAuthenticatorMethods { get; set; }

    public List<SeedFido2Method>? Fido2Methods { get; set; }

    public List<SeedWindowsHelloMethod>? WindowsHelloForBusinessMethods { get; set; }

    public List<SeedSoftwareOathMethod>? SoftwareOathMethods { get; set; }

    public List<SeedPlatformCredentialMethod>? PlatformCredentialMethods { get; set; }

    public List<SeedExternalMethod>? ExternalAuthenticationMethods { get; set; }

    /// <summary>An existing QR code + PIN method (its image and PIN were issued elsewhere, so they are unknown here).</summary>
    public SeedQrCodePinMethod? QrCodePinMethod { get; set; }
}

public sealed class SeedPhone
{
    public string PhoneType { get; set; } = "";
    public string PhoneNumber { get; set; } = "";
}

public sealed class SeedEmail
{
    public string EmailAddress { get; set; } = "";
}
