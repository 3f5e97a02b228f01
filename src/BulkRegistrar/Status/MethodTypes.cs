using System.Text.Json;

namespace BulkRegistrar.Status;

/// <summary>
/// The names status gives the items of <c>GET /users/{id}/authentication/methods</c> (docs/graph-behaviour.md §3.4): the
/// <c>@odata.type</c> without <c>#microsoft.graph.</c> and <c>AuthenticationMethod</c> (<c>microsoftAuthenticator</c>,
/// <c>fido2</c>…), a phone by its <c>phoneType</c> (<c>mobile</c>, <c>alternateMobile</c>, <c>office</c>), as the audit names
/// them. These names are what <c>Status:StrongMethods</c> and <c>--strong</c> list.
/// </summary>
internal static class MethodTypes
{
    public const string TemporaryAccessPass = "temporaryAccessPass";
    public const string Password = "password";

    /// <summary>Every type Graph v1.0 lists, in the order status lists a user's (strong ones first), with the words for people.</summary>
    private static readonly (string Name, string Words)[] Types =
    [
        ("microsoftAuthenticator", "Microsoft Authenticator"),
        ("fido2", "passkey (FIDO2)"),
        ("windowsHelloForBusiness", "Windows Hello for Business"),
        ("hardwareOath", "hardware OATH token"),
        ("softwareOath", "software OATH token"),
        ("platformCredential", "platform credential"),
        ("qrCodePin", "QR code + PIN"),
        ("external", "external MFA"),
        ("mobile", "mobile phone"),
        ("alternateMobile", "alternate mobile phone"),
        ("office", "office phone"),
        ("email", "SSPR e-mail"),
        (TemporaryAccessPass, "Temporary Access Pass"),
        (Password, "password"),
    ];

    /// <summary>What counts as onboarding done unless configured: a method that is phishing-resistant or an app/token the user set up.</summary>
    public static IReadOnlyList<string> DefaultStrong { get; } = ["microsoftAuthenticator", "fido2", "windowsHelloForBusiness", "hardwareOath", "softwareOath"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["passkey"] = "fido2",
        ["authenticator"] = "microsoftAuthenticator",
        ["windowsHello"] = "windowsHelloForBusiness",
    };

    /// <summary>The item's type name (a type this table does not know keeps its own name, so nothing a user has is hidden).</summary>
    public static string Of(JsonElement item)
    {
        var type = item.TryGetProperty("@odata.type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        var name = type.Replace("#microsoft.graph.", "", StringComparison.Ordinal);
        if (name == "phoneAuthenticationMethod" && item.TryGetProperty("phoneType", out var p) && p.ValueKind == JsonValueKind.String)
        {
            return p.GetString()!;
        }

        name = name.EndsWith("AuthenticationMethod", StringComparison.Ordinal) ? name[..^"AuthenticationMethod".Length] : name;
        return name.Length == 0 ? "unknown" : name;
    }

    /// <summary>Where the type stands in a user's list (unknown types last).</summary>
    public static int Rank(string name)
    {
        var i = Array.FindIndex(Types, t => t.Name == name);
        return i < 0 ? Types.Length : i;
    }

    public static string Words(string name) => Types.FirstOrDefault(t => t.Name == name).Words ?? name;

    /// <summary>The configured strong types, each checked: a misspelt one would quietly leave everyone pending.</summary>
    /// <exception cref="UsageException">A name no type has, or one that can never mean onboarding is done.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> names, string source)
    {
        var strong = new List<string>();
        foreach (var given in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var name = Aliases.GetValueOrDefault(given) ?? Types.FirstOrDefault(t => string.Equals(t.Name, given, StringComparison.OrdinalIgnoreCase)).Name;
            if (name is null)
            {
                throw new UsageException($"{source} names '{given}', which is no authentication method type; use some of: "
                    + $"{string.Join(", ", Types.Select(t => t.Name).Where(n => n is not (Password or TemporaryAccessPass)))}.");
            }

            if (name is Password or TemporaryAccessPass)
            {
                throw new UsageException($"{source} names '{given}': every user has a password, and a Temporary Access Pass is how onboarding starts, "
                    + "so neither can say it is done.");
            }

            if (!strong.Contains(name))
            {
                strong.Add(name);
            }
        }

        return strong.Count > 0 ? strong : throw new UsageException($"{source} names no method type.");
    }
}
