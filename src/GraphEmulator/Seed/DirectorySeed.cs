using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphEmulator.Seed;

/// <summary>
/// The directory the emulator starts with, shaped like a Graph users collection
/// (<c>{"users":[...]}</c>) plus optional tenant policies. Schema: docs/emulator.md.
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

    public List<SeedUser> Users { get; set; } = [];

    public static DirectorySeed Parse(string json) =>
        JsonSerializer.Deserialize<DirectorySeed>(json, Json)
        ?? throw new InvalidDataException("The directory seed is empty.");

    public static DirectorySeed Load(string path) => Parse(File.ReadAllText(path));
}

/// <summary>Tenant-wide authentication methods policy knobs the emulator honours.</summary>
public sealed class SeedPolicies
{
    /// <summary>Temporary Access Pass policy; null keeps the defaults below.</summary>
    public SeedTapPolicy? TemporaryAccessPass { get; set; }

    /// <summary>SMS sign-in policy: which groups are in scope.</summary>
    public SeedSmsPolicy? SmsSignIn { get; set; }
}

/// <summary>The part of the SMS authentication method configuration that decides who is in scope.</summary>
public sealed class SeedSmsPolicy
{
    /// <summary>Members of these groups (<see cref="SeedUser.Groups"/>) are in SMS sign-in scope.</summary>
    public List<string> IncludeGroups { get; set; } = [];
}

/// <summary>Mirror of temporaryAccessPassAuthenticationMethodConfiguration (the parts that refuse a create).</summary>
public sealed class SeedTapPolicy
{
    /// <summary>"enabled" or "disabled".</summary>
    public string State { get; set; } = "enabled";
    public int DefaultLifetimeInMinutes { get; set; } = 60;
    public int MinimumLifetimeInMinutes { get; set; } = 60;
    public int MaximumLifetimeInMinutes { get; set; } = 480;
    public int DefaultLength { get; set; } = 8;

    /// <summary>When true every pass in the tenant is one-time; asking for a multi-use pass is refused.</summary>
    public bool IsUsableOnce { get; set; }
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

    /// <summary>Group names, matched against <see cref="SeedSmsPolicy.IncludeGroups"/>.</summary>
    public List<string>? Groups { get; set; }

    /// <summary>"notAllowedByPolicy" puts the user outside the TAP policy's include groups.</summary>
    public string? TemporaryAccessPass { get; set; }

    /// <summary>Phones the user already has (phoneType + phoneNumber).</summary>
    public List<SeedPhone>? PhoneMethods { get; set; }

    /// <summary>At most one e-mail method.</summary>
    public List<SeedEmail>? EmailMethods { get; set; }
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
