using System.Collections.Immutable;
using System.Text.Json.Nodes;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// List, get and delete of the <see cref="MethodKinds"/> (docs/graph-behaviour.md §3.5), and the create of an external
/// MFA method (§3.9). Hardware OATH methods are the user's tokens in the tenant inventory.
/// </summary>
internal static class RegisteredHandlers
{
    public static GraphResponse List(HandlerContext c)
    {
        var kind = MethodKinds.Get(c.Route.MethodKind!);
        var oath = kind.Key == MethodKinds.HardwareOath ? MethodsView.OathOf(c, c.User) : [];
        lock (c.User.Gate)
        {
            var items = kind.Key == MethodKinds.HardwareOath
                ? oath.Select(d => OathJson.Method(d, c.User.DisplayName, typed: false, withDevice: ExpandsDevice(c)))
                : c.ReadView().Methods.Of(kind.Key).Select(m => MethodJson.Registered(m, typed: false));
            return c.Ok(200, MethodJson.Collection(UserHandlers.Context(c, kind.Collection), items));
        }
    }

    public static GraphResponse Get(HandlerContext c)
    {
        var kind = MethodKinds.Get(c.Route.MethodKind!);
        if (kind.Key == MethodKinds.HardwareOath)
        {
            return MethodsView.OathOf(c, c.User).FirstOrDefault(d => string.Equals(d.Id, c.MethodId, StringComparison.OrdinalIgnoreCase)) is { } d
                ? c.Ok(200, OathJson.Method(d, c.User.DisplayName, typed: false, withDevice: ExpandsDevice(c)))
                : c.MethodNotFound();
        }

        lock (c.User.Gate)
        {
            return c.ReadView().Methods.Find(kind.Key, c.MethodId) is { } m ? c.Ok(200, MethodJson.Registered(m, typed: false)) : c.MethodNotFound();
        }
    }

    public static GraphResponse Delete(HandlerContext c)
    {
        var kind = MethodKinds.Get(c.Route.MethodKind!);
        if (kind.Key == MethodKinds.HardwareOath)
        {
            return OathMethodHandlers.Unassign(c);
        }

        var oath = MethodsView.OathOf(c, c.User);
        lock (c.User.Gate)
        {
            if (c.User.Methods.Find(kind.Key, c.MethodId) is not { } m)
            {
                return c.MethodNotFound();
            }

            if (MethodRules.DefaultMethodKept(c, m.Id, oath) is { } kept)
            {
                return kept;
            }

            c.User.Methods = c.User.Methods.Without(m);
            MethodRules.Deleted(c, kind.Key);
            return c.Ok(204);
        }
    }

    /// <summary>
    /// POST externalAuthenticationMethods {configurationId, displayName}: both required; the configuration must be an
    /// external method of the tenant's policy that lets the user in; one method per configuration [emu].
    /// </summary>
    public static GraphResponse CreateExternal(HandlerContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        var configurationId = CallContext.String(body, "configurationId");
        var displayName = CallContext.String(body, "displayName");
        if (string.IsNullOrWhiteSpace(configurationId) || string.IsNullOrWhiteSpace(displayName))
        {
            return c.Bad("The properties 'configurationId' and 'displayName' are required.");
        }

        if (c.Directory.Policy.Find(configurationId) is not { IsExternal: true } config)
        {
            return c.Bad($"The configurationId '{configurationId}' is not an external authentication method configured in the authentication methods policy.");
        }

        if (!config.Allows(c.User))
        {
            return MethodRules.Refusal(c, "ExternalAuthenticationMethod");
        }

        lock (c.User.Gate)
        {
            if (c.User.Methods.Of(MethodKinds.External).Any(m => string.Equals(m.Properties["configurationId"], config.Id, StringComparison.OrdinalIgnoreCase)))
            {
                c.User.DuplicateCreateAttempts++;
                c.Services.Stats.CountDuplicateCreate();
                return c.Bad($"The user already has an external authentication method for configuration '{config.Id}'.");
            }

            var m = new RegisteredMethod(MethodKinds.External, Guid.NewGuid().ToString(), c.Scope.Now,
                ImmutableDictionary<string, string?>.Empty.Add("configurationId", config.Id).Add("displayName", displayName));
            c.User.Methods = c.User.Methods.With(m);
            c.Applied();
            c.Event("externalMethodCreated");
            var json = MethodJson.Registered(m, typed: true);
            json.Insert(0, "@odata.context", $"{c.BaseUrl}/$metadata#users('{c.User.Id}')/authentication/externalAuthenticationMethods/$entity");
            return c.Ok(201, json)
                .WithHeader("Location", $"{c.BaseUrl}/users/{c.User.Id}/authentication/externalAuthenticationMethods/{m.Id}");
        }
    }

    private static bool ExpandsDevice(HandlerContext c) =>
        c.Path.QueryOption("$expand") is { } e && e.Contains("device", StringComparison.OrdinalIgnoreCase);
}
