using GraphEmulator.Graph;

namespace GraphEmulator.Throttling;

/// <summary>RU and write cost of one request (docs/graph-behaviour.md §T6.2); overridable per route name.</summary>
internal static class RequestCost
{
    public static (int Ru, int W) Of(RouteDef route, GraphPath path, ThrottleSettings settings)
    {
        if (settings.CostOverrides.TryGetValue(route.Name, out var over))
        {
            return over;
        }

        // GET users (the list) costs 2; $top below 20 takes one off (docs/graph-behaviour.md §T1.2).
        var ru = route.Kind == RouteKind.UsersList ? 2 : 1;
        if (route.Kind == RouteKind.UsersList && int.TryParse(path.QueryOption("$top"), out var top) && top < 20)
        {
            ru--;
        }

        if (path.QueryOption("$select") is not null)
        {
            ru--;
        }

        if (path.QueryOption("$expand") is not null)
        {
            ru++;
        }

        return (Math.Max(1, ru), route.IsWrite ? 1 : 0);
    }
}
