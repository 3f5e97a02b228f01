using System.Text.Json.Nodes;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// GET /policies/authenticationMethodsPolicy and .../authenticationMethodConfigurations/{id} (docs/graph-behaviour.md
/// §12), from the seed's <c>policies</c>; configuration ids compare without regard to case. The hardware OATH
/// configuration is a beta type and is served under /beta only.
/// </summary>
internal static class PolicyHandlers
{
    public static GraphResponse Get(TenantContext c) => c.Ok(200, new JsonObject
    {
        ["@odata.context"] = $"{c.BaseUrl}/$metadata#authenticationMethodsPolicy",
        ["id"] = "authenticationMethodsPolicy",
        ["displayName"] = "Authentication Methods Policy",
        ["description"] = "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method "
            + "registration requirements, and self-service password reset settings",
        ["lastModifiedDateTime"] = MethodJson.Iso(c.Directory.BuiltAt),
        ["policyVersion"] = "1.5",
        ["policyMigrationState"] = "migrationComplete",
        ["registrationEnforcement"] = new JsonObject
        {
            ["authenticationMethodsRegistrationCampaign"] = new JsonObject
            {
                ["snoozeDurationInDays"] = 1,
                ["state"] = "default",
                ["excludeTargets"] = new JsonArray(),
                ["includeTargets"] = new JsonArray(new JsonObject { ["id"] = "all_users", ["targetType"] = "group",
                    ["targetedAuthenticationMethod"] = "microsoftAuthenticator" }),
            },
        },
        ["authenticationMethodConfigurations"] = new JsonArray([.. Visible(c).Select(m => Configuration(m, typed: true))]),
    });

    public static GraphResponse GetConfiguration(TenantContext c)
    {
        if (Visible(c).FirstOrDefault(m => string.Equals(m.Id, c.MethodId, StringComparison.OrdinalIgnoreCase)) is not { } config)
        {
            return GraphErrors.NotFound($"The authentication method configuration '{c.MethodId}' was not found.", c.Scope);
        }

        var body = Configuration(config, typed: true);
        body.Insert(0, "@odata.context", $"{c.BaseUrl}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity");
        return c.Ok(200, body);
    }

    private static IEnumerable<MethodConfiguration> Visible(TenantContext c) =>
        c.Directory.Policy.Configurations.Where(m => !m.BetaOnly || c.Request.Beta);

    private static JsonObject Configuration(MethodConfiguration m, bool typed)
    {
        var o = new JsonObject
        {
            ["id"] = m.Id,
            ["state"] = m.State,
        };
        foreach (var (k, v) in m.Settings)
        {
            o[k] = v?.DeepClone();
        }

        o["excludeTargets"] = new JsonArray([.. m.Exclude.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["targetType"] = t.TargetType })]);
        o["includeTargets"] = new JsonArray([.. m.Include.Select(t => (JsonNode)Target(m, t))]);
        return MethodJson.Typed(typed, "#microsoft.graph." + m.ODataType, o);
    }

    /// <summary>An include target: its kind of target object carries the method's own member (SMS: isUsableForSignIn).</summary>
    private static JsonObject Target(MethodConfiguration m, PolicyTarget t)
    {
        var o = new JsonObject { ["targetType"] = t.TargetType, ["id"] = t.Id, ["isRegistrationRequired"] = false };
        if (m.Id == AuthenticationMethodsPolicy.Sms)
        {
            o["isUsableForSignIn"] = t.IsUsableForSignIn == true;
        }
        else if (m.Id == "MicrosoftAuthenticator")
        {
            o["authenticationMode"] = "any";
        }

        return o;
    }
}
