using System.Text.Json.Nodes;
using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>
/// Builds the methods policy from the seed. A configuration the seed leaves out is enabled for <c>all_users</c> with
/// Graph's documented defaults (docs/graph-behaviour.md §12.2). The seed's older SMS/TAP shortcuts become targets
/// here, so the policy Graph would serve and the emulator's own decisions are one and the same:
/// <list type="bullet">
/// <item><c>policies.smsSignIn.includeGroups</c> → SMS include targets usable for sign-in;</item>
/// <item>a user's <c>smsSignIn: "allowed"</c> / <c>"notAllowedByPolicy"</c> → membership of a group the SMS
/// configuration includes (usable for sign-in) / excludes;</item>
/// <item>a user's <c>temporaryAccessPass: "notAllowedByPolicy"</c> → membership of a group the TAP configuration excludes;</item>
/// <item>the default SMS target <c>all_users</c> is usable for sign-in, except under strict (docs/emulator.md, strict item 7).</item>
/// </list>
/// </summary>
internal static class PolicyBuilder
{
    public const string SmsAllowedGroup = "emulator: SMS sign-in allowed (seed flag)";
    public const string SmsBlockedGroup = "emulator: SMS sign-in not allowed by policy (seed flag)";
    public const string TapBlockedGroup = "emulator: outside the Temporary Access Pass policy (seed flag)";

    /// <param name="userId">Resolves a user target (id or UPN) to the object id; null when unknown.</param>
    public static AuthenticationMethodsPolicy Build(SeedPolicies? p, GroupDirectory groups, Func<string, string?> userId, bool strict)
    {
        p ??= new SeedPolicies();
        var tap = p.TemporaryAccessPass ?? new SeedTapPolicy();
        var qr = p.QrCodePin ?? new SeedQrCodePinPolicy();
        PolicyTarget Target(SeedTarget t, bool? signIn) => string.Equals(t.TargetType, "user", StringComparison.OrdinalIgnoreCase)
            ? new PolicyTarget(userId(t.Id) ?? throw new InvalidDataException($"Policy target user '{t.Id}' is not in the seed."), "user", signIn)
            : new PolicyTarget(string.Equals(t.Id, PolicyTarget.AllUsers, StringComparison.OrdinalIgnoreCase) ? PolicyTarget.AllUsers : groups.Resolve(t.Id).Id,
                "group", signIn);
        List<PolicyTarget> Includes(SeedMethodPolicy s, bool? signIn) =>
            s.IncludeTargets is null ? [new PolicyTarget(PolicyTarget.AllUsers, "group", signIn)]
                : [.. s.IncludeTargets.Select(t => Target(t, t.IsUsableForSignIn ?? signIn))];
        List<PolicyTarget> Excludes(SeedMethodPolicy s) => [.. (s.ExcludeTargets ?? []).Select(t => Target(t, null))];
        MethodConfiguration Config(string id, string type, SeedMethodPolicy s, JsonObject? settings = null, List<PolicyTarget>? exclude = null) => new()
        {
            Id = id, ODataType = type, State = s.State, Include = Includes(s, null), Exclude = exclude ?? Excludes(s), Settings = settings ?? [],
            BetaOnly = id == AuthenticationMethodsPolicy.HardwareOath, IsExternal = s is SeedExternalMethodPolicy,
        };

        var sms = p.Sms ?? new SeedMethodPolicy();
        var smsInclude = p.Sms?.IncludeTargets is null ? [new PolicyTarget(PolicyTarget.AllUsers, "group", !strict)] : Includes(sms, true);
        smsInclude.AddRange((p.SmsSignIn?.IncludeGroups ?? []).Select(g => new PolicyTarget(groups.Resolve(g).Id, "group", true)));
        var smsExclude = Excludes(sms);
        AddFlagGroup(groups, SmsAllowedGroup, id => smsInclude.Add(new PolicyTarget(id, "group", true)));
        AddFlagGroup(groups, SmsBlockedGroup, id => smsExclude.Add(new PolicyTarget(id, "group", null)));
        var tapExclude = Excludes(tap);
        AddFlagGroup(groups, TapBlockedGroup, id => tapExclude.Add(new PolicyTarget(id, "group", null)));

        var configs = new List<MethodConfiguration>
        {
            Config("Fido2", "fido2AuthenticationMethodConfiguration", p.Fido2 ?? new(), new JsonObject
            {
                ["isSelfServiceRegistrationAllowed"] = true, ["isAttestationEnforced"] = false,
                ["keyRestrictions"] = new JsonObject { ["isEnforced"] = false, ["enforcementType"] = "block", ["aaGuids"] = new JsonArray() },
            }),
            Config("MicrosoftAuthenticator", "microsoftAuthenticatorAuthenticationMethodConfiguration", p.MicrosoftAuthenticator ?? new(),
                new JsonObject { ["isSoftwareOathEnabled"] = false }),
            new()
            {
                Id = AuthenticationMethodsPolicy.Sms, ODataType = "smsAuthenticationMethodConfiguration",
                State = sms.State, Include = smsInclude, Exclude = smsExclude,
            },
            Config(AuthenticationMethodsPolicy.TemporaryAccessPass, "temporaryAccessPassAuthenticationMethodConfiguration", tap, new JsonObject
            {
                ["defaultLifetimeInMinutes"] = tap.DefaultLifetimeInMinutes, ["defaultLength"] = tap.DefaultLength,
                ["minimumLifetimeInMinutes"] = tap.MinimumLifetimeInMinutes,
                ["maximumLifetimeInMinutes"] = tap.MaximumLifetimeInMinutes,
                ["isUsableOnce"] = tap.IsUsableOnce,
            }, tapExclude),
            Config("Email", "emailAuthenticationMethodConfiguration", p.Email ?? new(), new JsonObject { ["allowExternalIdToUseEmailOtp"] = "default" }),
            Config(AuthenticationMethodsPolicy.Voice, "voiceAuthenticationMethodConfiguration", p.Voice ?? new(),
                new JsonObject { ["isOfficePhoneAllowed"] = false }),
            Config("SoftwareOath", "softwareOathAuthenticationMethodConfiguration", p.SoftwareOath ?? new()),
            Config(AuthenticationMethodsPolicy.QrCodePin, "qrCodePinAuthenticationMethodConfiguration", qr, new JsonObject
            {
                ["standardQRCodeLifetimeInDays"] = qr.StandardQRCodeLifetimeInDays, ["pinLength"] = qr.PinLength,
            }),
            Config(AuthenticationMethodsPolicy.HardwareOath, "hardwareOathAuthenticationMethodConfiguration", p.HardwareOath ?? new()),
        };
        configs.AddRange((p.ExternalAuthenticationMethods ?? []).Select(e => Config(e.Id, "externalAuthenticationMethodConfiguration", e, new JsonObject
        {
            ["displayName"] = e.DisplayName, ["appId"] = e.AppId,
            ["openIdConnectSetting"] = new JsonObject { ["clientId"] = e.ClientId, ["discoveryUrl"] = e.DiscoveryUrl },
        })));

        return new AuthenticationMethodsPolicy(configs, tap, qr);
    }

    /// <summary>A flag group exists only when some user carries the flag (it was made while reading the users).</summary>
    private static void AddFlagGroup(GroupDirectory groups, string name, Action<string> use)
    {
        if (groups.All.FirstOrDefault(g => g.DisplayName == name) is { } g)
        {
            use(g.Id);
        }
    }
}
