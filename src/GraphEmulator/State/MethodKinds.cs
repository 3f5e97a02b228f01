namespace GraphEmulator.State;

/// <summary>
/// The method kinds served from <see cref="MethodSet.Registered"/>: their collection under /authentication, their
/// @odata.type and the per-method permission family (UserAuthMethod-{Family}.Read(Write).All, docs/graph-behaviour.md §4).
/// </summary>
internal sealed record MethodKind(string Key, string Collection, string ODataType, string? Family, bool BetaOnly = false)
{
    public string WireType => "#microsoft.graph." + ODataType;
}

internal static class MethodKinds
{
    public const string Authenticator = "microsoftAuthenticator";
    public const string Fido2 = "fido2";
    public const string WindowsHello = "windowsHelloForBusiness";
    public const string SoftwareOath = "softwareOath";
    public const string PlatformCredential = "platformCredential";
    public const string External = "external";
    public const string HardwareOath = "hardwareOath";

    public static readonly MethodKind[] All =
    [
        new(Authenticator, "microsoftAuthenticatorMethods", "microsoftAuthenticatorAuthenticationMethod", "MicrosoftAuthApp"),
        new(Fido2, "fido2Methods", "fido2AuthenticationMethod", "Passkey"),
        new(WindowsHello, "windowsHelloForBusinessMethods", "windowsHelloForBusinessAuthenticationMethod", "WindowsHello"),
        new(SoftwareOath, "softwareOathMethods", "softwareOathAuthenticationMethod", "SoftwareOATH"),
        new(PlatformCredential, "platformCredentialMethods", "platformCredentialAuthenticationMethod", "PlatformCred"),
        new(External, "externalAuthenticationMethods", "externalAuthenticationMethod", "External"),

        // Beta only, and only the broad UserAuthenticationMethod permissions are documented for it.
        new(HardwareOath, "hardwareOathMethods", "hardwareOathAuthenticationMethod", null, BetaOnly: true),
    ];

    public static MethodKind Get(string key) => All.First(k => k.Key == key);
}
