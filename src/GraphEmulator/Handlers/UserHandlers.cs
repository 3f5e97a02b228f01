using System.Text.Json.Nodes;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>GET users/{id}, GET .../authentication/methods and methods/{id}.</summary>
internal static class UserHandlers
{
    /// <summary>v1.0's default property set; usageLocation is only returned when selected.</summary>
    private static readonly string[] DefaultProperties =
        ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];

    private static readonly string[] Known = [.. DefaultProperties, "usageLocation", "accountEnabled", "userType"];

    public static GraphResponse Get(HandlerContext c)
    {
        var u = c.User;
        var select = c.Path.QueryOption("$select");
        var names = select is null ? DefaultProperties : select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{c.Services.GraphBaseUrl}/$metadata#users{(select is null ? "" : "(" + select + ")")}/$entity",
        };
        var space = u.DisplayName?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        foreach (var requested in names)
        {
            var name = Known.FirstOrDefault(k => string.Equals(k, requested, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return c.Bad($"Could not find a property named '{requested}' on type 'microsoft.graph.user'.");
            }

            body[name] = name switch
            {
                "id" => u.Id,
                "userPrincipalName" => u.UserPrincipalName,
                "displayName" => u.DisplayName,
                "usageLocation" => u.UsageLocation,
                "mail" => u.Mail,
                "givenName" => space > 0 ? u.DisplayName![..space] : u.DisplayName,
                "surname" => space > 0 ? u.DisplayName![(space + 1)..] : null,
                "businessPhones" => new JsonArray(),
                "accountEnabled" => true,
                "userType" => u.UserPrincipalName.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) ? "Guest" : "Member",
                _ => null,
            };
        }

        return c.Ok(200, body);
    }

    public static GraphResponse ListMethods(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            return c.Ok(200, MethodJson.Collection(Context(c, "methods"), All(c)));
        }
    }

    public static GraphResponse GetMethod(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            var found = All(c).FirstOrDefault(m => string.Equals((string?)m["id"], c.MethodId, StringComparison.OrdinalIgnoreCase));
            return found is null ? c.MethodNotFound() : c.Ok(200, found);
        }
    }

    public static string Context(HandlerContext c, string collection) =>
        $"{c.Services.GraphBaseUrl}/$metadata#users('{c.User.Id}')/authentication/{collection}";

    /// <summary>Every method the user has, each with @odata.type so the SDK picks the derived type.</summary>
    private static IEnumerable<JsonObject> All(HandlerContext c)
    {
        var u = c.User;
        var view = c.ReadView();
        yield return MethodJson.Password(typed: true);
        foreach (var p in view.Phones)
        {
            if (p is not null)
            {
                yield return MethodJson.Phone(u, p, typed: true);
            }
        }

        if (view.Email is { } e)
        {
            yield return MethodJson.Email(e, typed: true);
        }

        if (view.Tap is { } t)
        {
            yield return MethodJson.Tap(t, c.Scope.Now);
        }
    }
}
