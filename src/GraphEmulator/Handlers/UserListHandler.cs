using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphEmulator.Graph;

namespace GraphEmulator.Handlers;

/// <summary>
/// GET /users with $filter (only "userPrincipalName eq '…'" / "id eq '…'" [emu subset]), $select
/// and $top; paging by an integer $skiptoken [emu]. Enough to resolve an object id first, which
/// the contract gives as the workaround for '$' UPNs (docs/graph-behaviour.md §8).
/// </summary>
internal static partial class UserListHandler
{
    private static readonly string[] DefaultProperties =
        ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname",
            "userPrincipalName", "id"];

    public static GraphResponse List(EmulatorServices s, GraphPath path, RequestScope scope)
    {
        // A user seeded to appear later is not listed before it appears either.
        var users = s.Directory.Users.Where(u => s.Directory.Visible(u, scope.Now, s.Throttler.Settings.K))
            .OrderBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase).AsEnumerable();
        if (path.QueryOption("$filter") is { } filter)
        {
            var m = EqFilter().Match(filter.Trim());
            if (!m.Success)
            {
                return GraphErrors.BadRequest($"Unsupported or invalid query filter clause specified: '{filter}'.", scope, "Request_UnsupportedQuery");
            }

            var value = m.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
            var byId = m.Groups["prop"].Value.Equals("id", StringComparison.OrdinalIgnoreCase);
            users = users.Where(u => string.Equals(byId ? u.Id : u.UserPrincipalName, value, StringComparison.OrdinalIgnoreCase));
        }

        var top = int.TryParse(path.QueryOption("$top"), out var t) ? Math.Clamp(t, 1, 999) : 100;
        var skip = int.TryParse(path.QueryOption("$skiptoken"), out var k) ? Math.Max(0, k) : 0;
        var select = path.QueryOption("$select")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? DefaultProperties;
        var all = users.ToList();
        var page = all.Skip(skip).Take(top).Select(u =>
        {
            var o = new JsonObject();
            foreach (var name in select)
            {
                o[name] = name.ToLowerInvariant() switch
                {
                    "id" => u.Id,
                    "userprincipalname" => u.UserPrincipalName,
                    "displayname" => u.DisplayName,
                    "usagelocation" => u.UsageLocation,
                    "mail" => u.Mail,
                    "employeehiredate" => Handlers.MethodJson.IsoOrNull(u.EmployeeHireDate),
                    "businessphones" => new JsonArray(),
                    _ => null,
                };
            }

            return o;
        });
        var body = new JsonObject
        {
            ["@odata.context"] = $"{s.GraphBaseUrl}/$metadata#users",
            ["value"] = new JsonArray([.. page]),
        };
        if (skip + top < all.Count)
        {
            body["@odata.nextLink"] = $"{s.GraphBaseUrl}/users?$top={top}&$skiptoken={(skip + top).ToString(CultureInfo.InvariantCulture)}"
                + (path.QueryOption("$filter") is { } f ? "&$filter=" + Uri.EscapeDataString(f) : "");
        }

        return new GraphResponse { Status = 200, Body = body };
    }

    [GeneratedRegex(@"^(?<prop>userPrincipalName|id)\s+eq\s+'(?<value>(?:[^']|'')*)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EqFilter();
}
