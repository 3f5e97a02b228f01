using System.Text.Json.Nodes;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>GET users/{id} (with $select and $expand=manager), users/{id}/manager, .../authentication/methods and methods/{id}.</summary>
internal static class UserHandlers
{
    /// <summary>v1.0's default property set; usageLocation and employeeHireDate are only returned when selected.</summary>
    private static readonly string[] DefaultProperties =
        ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname",
            "userPrincipalName", "id"];

    private static readonly string[] Known = [.. DefaultProperties, "usageLocation", "accountEnabled", "userType", "employeeHireDate"];

    public static GraphResponse Get(HandlerContext c)
    {
        var select = c.Path.QueryOption("$select");
        var expand = c.Path.QueryOption("$expand");
        if (expand is not null && !expand.StartsWith("manager", StringComparison.OrdinalIgnoreCase))
        {
            return c.Bad($"Could not find a navigation property named '{expand}' on type 'microsoft.graph.user'.");
        }

        var body = Object(c, c.User, select, out var error);
        if (error is not null)
        {
            return error;
        }

        body.Insert(0, "@odata.context", $"{c.BaseUrl}/$metadata#users{(select is null ? "" : "(" + select + ")")}/$entity");

        // A user without a manager has no manager member at all [emu: Graph's docs show only the case with one].
        if (expand is not null && Manager(c) is { } manager)
        {
            body["manager"] = Object(c, manager, null, out _, directoryObject: true);
        }

        return c.Ok(200, body);
    }

    /// <summary>GET users/{id}/manager: the manager as a directoryObject, or 404 when none is set (docs/graph-behaviour.md §13.2).</summary>
    public static GraphResponse GetManager(HandlerContext c) =>
        Manager(c) is { } m
            ? c.Ok(200,
                Object(c, m, null, out _, directoryObject: true).Also(o => o.Insert(0, "@odata.context", $"{c.BaseUrl}/$metadata#directoryObjects/$entity")))
            : GraphErrors.UserNotFound("manager", c.Scope);

    public static GraphResponse ListMethods(HandlerContext c)
    {
        var oath = MethodsView.OathOf(c, c.User);
        lock (c.User.Gate)
        {
            return c.Ok(200, MethodJson.Collection(Context(c, "methods"), MethodsView.All(c, c.ReadView(), oath)));
        }
    }

    public static GraphResponse GetMethod(HandlerContext c)
    {
        var oath = MethodsView.OathOf(c, c.User);
        lock (c.User.Gate)
        {
            var found = MethodsView.All(c, c.ReadView(), oath).FirstOrDefault(m =>
                string.Equals((string?)m["id"], c.MethodId, StringComparison.OrdinalIgnoreCase));
            return found is null ? c.MethodNotFound() : c.Ok(200, found);
        }
    }

    public static string Context(HandlerContext c, string collection) =>
        $"{c.BaseUrl}/$metadata#users('{c.User.Id}')/authentication/{collection}";

    /// <summary>The manager as Graph sees them now: a manager seeded to appear later is not there yet either.</summary>
    private static UserRecord? Manager(HandlerContext c) =>
        c.User.ManagerId is { } id ? c.Directory.FindVisible(id, c.Scope.Now, c.Services.Throttler.Settings.K) : null;

    private static JsonObject Object(HandlerContext c, UserRecord u, string? select, out GraphResponse? error, bool directoryObject = false)
    {
        error = null;
        var names = select is null ? DefaultProperties : select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var body = new JsonObject();
        if (directoryObject)
        {
            body["@odata.type"] = "#microsoft.graph.user";
        }

        var space = u.DisplayName?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        foreach (var requested in names)
        {
            var name = Known.FirstOrDefault(k => string.Equals(k, requested, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                error = c.Bad($"Could not find a property named '{requested}' on type 'microsoft.graph.user'.");
                return body;
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
                "employeeHireDate" => MethodJson.IsoOrNull(u.EmployeeHireDate),
                _ => null,
            };
        }

        return body;
    }

    private static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
