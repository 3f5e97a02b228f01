using System.Text.Json;
using System.Text.Json.Nodes;
using GraphEmulator.Graph;

namespace GraphEmulator.Handlers;

/// <summary>
/// A user's groups (docs/graph-behaviour.md §13.1): memberOf (direct), transitiveMemberOf, and the two POST functions
/// checkMemberGroups (which of up to 20 given groups, transitively) and getMemberGroups (all, transitively).
/// </summary>
internal static class GroupHandlers
{
    public const int MaxCheckedGroups = 20;

    public static GraphResponse MemberOf(HandlerContext c, bool transitive)
    {
        var ids = transitive ? c.User.TransitiveGroups : c.User.DirectGroups;
        var groups = ids.Select(id => c.Directory.Groups.Find(id)).OfType<State.GroupRecord>().OrderBy(g => g.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.group",
                ["id"] = g.Id,
                ["displayName"] = g.DisplayName,
                ["mailEnabled"] = false,
                ["securityEnabled"] = true,
            });
        return c.Ok(200, new JsonObject
        {
            ["@odata.context"] = $"{c.BaseUrl}/$metadata#directoryObjects",
            ["value"] = new JsonArray([.. groups]),
        });
    }

    public static GraphResponse Check(HandlerContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        if (!body.TryGetProperty("groupIds", out var list) || list.ValueKind != JsonValueKind.Array
            || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return c.Bad("The parameter 'groupIds' is required and must be a collection of group ids.");
        }

        var asked = list.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (asked.Count > MaxCheckedGroups)
        {
            // Documented limit; the status and text for more are [emu].
            return c.Bad($"Up to {MaxCheckedGroups} groups may be checked in one request; {asked.Count} were given.");
        }

        return Strings(c, asked.Where(c.User.TransitiveGroups.Contains));
    }

    public static GraphResponse GetAll(HandlerContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        if (!body.TryGetProperty("securityEnabledOnly", out var only) || only.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return c.Bad("The parameter 'securityEnabledOnly' is required.");
        }

        // Every emulated group is a security group, so the flag selects them all.
        return Strings(c, c.User.TransitiveGroups.Order(StringComparer.OrdinalIgnoreCase));
    }

    private static GraphResponse Strings(HandlerContext c, IEnumerable<string> ids) => c.Ok(200, new JsonObject
    {
        ["@odata.context"] = $"{c.BaseUrl}/$metadata#Collection(Edm.String)",
        ["value"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]),
    });
}
