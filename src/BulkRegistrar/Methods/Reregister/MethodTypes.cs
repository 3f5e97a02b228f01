namespace BulkRegistrar.Methods.Reregister;

/// <summary>
/// One kind of authentication method as <c>GET /users/{id}/authentication/methods</c> lists it (its <c>@odata.type</c>), and how
/// reregister removes it (docs/graph-behaviour.md §3.4, §3.8). <see cref="Name"/> is Graph's type without its namespace and
/// <c>AuthenticationMethod</c> suffix (<c>#microsoft.graph.fido2AuthenticationMethod</c> → <c>fido2</c>), which is also what
/// <c>--keep</c> names it by.
/// </summary>
/// <param name="Segment">The collection under <c>/users/{id}/authentication/</c> a DELETE goes to (<c>fido2Methods</c>); null: never deleted.</param>
/// <param name="ById">The DELETE names the method's id after the segment (all but QR code + PIN, one per user at a fixed path).</param>
/// <param name="Restorable">revert can create it again from the audit's <c>previous</c> (a phone, the e-mail); the others are the
/// user's own registrations (a key pair on their device), which no admin can make for them.</param>
/// <param name="Order">Where its deletion comes among a user's: the alternate before the mobile it needs, and the Authenticator, most
/// often the default method (which Graph keeps while others exist), last.</param>
internal sealed record MethodType(string Name, string Label, string? Segment, bool ById, bool Restorable, int Order, string[] Aliases)
{
    public static MethodType Password { get; } = new("password", "password", null, true, false, 0, []);

    /// <summary>A hardware OATH token: no v1.0 collection (its <c>hardwareOathMethods</c> are beta), so deleted only under --beta.</summary>
    public static MethodType HardwareOath { get; } = new("hardwareOath", "hardware OATH token", null, true, false, 30, []);

    public static IReadOnlyList<MethodType> Known { get; } =
    [
        Password,
        new("phone", "phone", "phoneMethods", true, true, 40, ["phones"]),
        new("email", "e-mail method", "emailMethods", true, true, 20, ["e-mail"]),
        new("temporaryAccessPass", "Temporary Access Pass", "temporaryAccessPassMethods", true, false, 10, ["tap"]),
        new("fido2", "passkey (FIDO2)", "fido2Methods", true, false, 10, ["passkey", "passkeys"]),
        new("windowsHelloForBusiness", "Windows Hello for Business", "windowsHelloForBusinessMethods", true, false, 10, ["windowsHello"]),
        new("platformCredential", "platform credential (Platform SSO)", "platformCredentialMethods", true, false, 10, []),
        new("qrCodePin", "QR code + PIN", "qrCodePinMethod", false, false, 10, ["qrCode", "qr"]),
        new("external", "external MFA method", "externalAuthenticationMethods", true, false, 10, ["externalAuthentication", "externalMfa"]),
        new("softwareOath", "software OATH token", "softwareOathMethods", true, false, 30, []),
        // Graph serves hardware OATH methods under /beta only: deleted (at their beta path) only in a run with --beta.
        HardwareOath,
        new("microsoftAuthenticator", "Microsoft Authenticator", "microsoftAuthenticatorMethods", true, false, 50, ["authenticator"]),
    ];

    /// <summary>What plan and revert say of a deleted method of this type that revert cannot give back.</summary>
    public string Irreversible => Name switch
    {
        "temporaryAccessPass" => "Revert cannot restore it: a pass's secret is never kept; issue a new one (--issue-tap) if the user needs one.",
        "qrCodePin" => "Revert cannot restore it: its QR code and PIN are gone; a new one has to be issued and handed over.",
        "external" => "Revert cannot restore it: register it again with the external provider's configuration.",
        _ => ReregisterIrreversible,
    };

    /// <summary>The user's own registrations (Authenticator, passkeys, Windows Hello…): README, plan and revert say it in these words.</summary>
    public const string ReregisterIrreversible = "Revert cannot restore it: it is the user's own registration (a key on their device or in their app), "
        + "and only the user registering again brings it back.";

    /// <summary>The known type a record's path names (<c>fido2Methods/…</c> → fido2), or null.</summary>
    public static MethodType? OfPath(string? path)
    {
        var segment = path?.Split('/')[0];
        return Known.FirstOrDefault(t => t.Segment is not null && string.Equals(t.Segment, segment, StringComparison.OrdinalIgnoreCase))
            ?? (segment is null ? null : Find(segment));
    }

    /// <summary>The phone types --keep may name on their own (a phone's <c>phoneType</c>).</summary>
    public static IReadOnlyList<string> PhoneTypes { get; } = ["mobile", "alternateMobile", "office"];

    /// <summary>Graph's <c>@odata.type</c> as a short name: <c>#microsoft.graph.fido2AuthenticationMethod</c> → <c>fido2</c>.</summary>
    public static string NameOf(string? odataType)
    {
        var name = odataType ?? "";
        var dot = name.LastIndexOf('.');
        name = dot >= 0 ? name[(dot + 1)..] : name.TrimStart('#');
        foreach (var suffix in new[] { "AuthenticationMethod", "Method" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return name.Length == 0 ? "unknown" : name;
    }

    /// <summary>The known type of that name, or null: a type this tool does not know how to remove (it is left, and said so).</summary>
    public static MethodType? Find(string name) => Known.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <c>--keep</c>'s list as canonical names (<c>passkey</c> → <c>fido2</c>, <c>Mobile</c> → <c>mobile</c>). A word it does not know is
    /// refused, never ignored: a misspelt type would otherwise be deleted.
    /// </summary>
    /// <exception cref="UsageException">A word names no method type.</exception>
    public static IReadOnlyList<string> ParseKeep(string? list)
    {
        var kept = new List<string>();
        foreach (var word in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = Known.FirstOrDefault(t => t.Matches(word))?.Name
                ?? PhoneTypes.FirstOrDefault(p => string.Equals(p, word, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--keep names '{word}', which is no method type; use {string.Join(", ", Words)}.");
            if (name == Password.Name)
            {
                continue; // always kept
            }

            if (!kept.Contains(name))
            {
                kept.Add(name);
            }
        }

        return kept;
    }

    /// <summary>Every word --keep takes, for its help and its refusal.</summary>
    public static IEnumerable<string> Words => Known.Where(t => t != Password).Select(t => t.Name).Concat(PhoneTypes).Append("passkey").Append("tap");

    private bool Matches(string word) =>
        string.Equals(Name, word, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, word, StringComparison.OrdinalIgnoreCase));
}
