namespace GraphEmulator.Graph;

internal enum RouteKind
{
    UsersList,
    UserGet,
    MethodsList, MethodGet, ResetPassword, OperationGet,
    PhoneList, PhoneCreate, PhoneGet, PhoneUpdate, PhoneDelete, PhoneEnableSms, PhoneDisableSms,
    EmailList, EmailCreate, EmailGet, EmailUpdate, EmailDelete,
    TapList, TapCreate, TapGet, TapDelete,
    PasswordList, PasswordGet,
}

/// <summary>Which grant an operation needs (docs/graph-behaviour.md §4).</summary>
internal enum Access
{
    UserRead,
    MethodsRead,
    MethodsWrite,

    /// <summary>resetPassword and its operation: delegated tokens only.</summary>
    DelegatedOnly,
}

/// <summary>One operation: verb, path under users/{id}, rights it needs, and whether it writes.</summary>
internal sealed record RouteDef(string Method, string Pattern, RouteKind Kind, Access Access, string? Family)
{
    public string[] PatternSegments { get; } = Pattern.Length == 0 ? [] : Pattern.Split('/');

    /// <summary>GET users itself rather than something under users/{id}.</summary>
    public bool CollectionRoute { get; init; }

    public string Name => CollectionRoute ? $"{Method} users" : $"{Method} users/{{id}}{(Pattern.Length == 0 ? "" : "/" + Pattern)}";

    public bool IsWrite => Method != "GET";
}

/// <summary>The route table. Matching is case-insensitive on segment names, like Graph.</summary>
internal static class Routes
{
    private const string A = "authentication/";

    public static readonly RouteDef[] All =
    [
        new("GET", "", RouteKind.UserGet, Access.UserRead, null),
        new("GET", A + "methods", RouteKind.MethodsList, Access.MethodsRead, null),
        new("GET", A + "methods/{id}", RouteKind.MethodGet, Access.MethodsRead, null),
        new("POST", A + "methods/{id}/resetPassword", RouteKind.ResetPassword, Access.DelegatedOnly, "Password"),
        new("GET", A + "operations/{id}", RouteKind.OperationGet, Access.DelegatedOnly, "Password"),
        new("GET", A + "phoneMethods", RouteKind.PhoneList, Access.MethodsRead, "Phone"),
        new("POST", A + "phoneMethods", RouteKind.PhoneCreate, Access.MethodsWrite, "Phone"),
        new("GET", A + "phoneMethods/{id}", RouteKind.PhoneGet, Access.MethodsRead, "Phone"),
        new("PATCH", A + "phoneMethods/{id}", RouteKind.PhoneUpdate, Access.MethodsWrite, "Phone"),
        new("DELETE", A + "phoneMethods/{id}", RouteKind.PhoneDelete, Access.MethodsWrite, "Phone"),
        new("POST", A + "phoneMethods/{id}/enableSmsSignIn", RouteKind.PhoneEnableSms, Access.MethodsWrite, "Phone"),
        new("POST", A + "phoneMethods/{id}/disableSmsSignIn", RouteKind.PhoneDisableSms, Access.MethodsWrite, "Phone"),
        new("GET", A + "emailMethods", RouteKind.EmailList, Access.MethodsRead, "Email"),
        new("POST", A + "emailMethods", RouteKind.EmailCreate, Access.MethodsWrite, "Email"),
        new("GET", A + "emailMethods/{id}", RouteKind.EmailGet, Access.MethodsRead, "Email"),
        new("PATCH", A + "emailMethods/{id}", RouteKind.EmailUpdate, Access.MethodsWrite, "Email"),
        new("DELETE", A + "emailMethods/{id}", RouteKind.EmailDelete, Access.MethodsWrite, "Email"),
        new("GET", A + "temporaryAccessPassMethods", RouteKind.TapList, Access.MethodsRead, "TAP"),
        new("POST", A + "temporaryAccessPassMethods", RouteKind.TapCreate, Access.MethodsWrite, "TAP"),
        new("GET", A + "temporaryAccessPassMethods/{id}", RouteKind.TapGet, Access.MethodsRead, "TAP"),
        new("DELETE", A + "temporaryAccessPassMethods/{id}", RouteKind.TapDelete, Access.MethodsWrite, "TAP"),
        new("GET", A + "passwordMethods", RouteKind.PasswordList, Access.MethodsRead, "Password"),
        new("GET", A + "passwordMethods/{id}", RouteKind.PasswordGet, Access.MethodsRead, "Password"),
    ];

    /// <summary>GET /users (list with $filter/$select/$top): the object-id lookup for UPNs that are awkward in paths.</summary>
    public static readonly RouteDef UsersList = new("GET", "", RouteKind.UsersList, Access.UserRead, null) { CollectionRoute = true };

    /// <summary>
    /// Finds the route for segments after users/{key}. pathExists tells a wrong verb (405) from
    /// an unknown path (400), and methodId is the {id} segment when the pattern has one.
    /// </summary>
    public static RouteDef? Match(string method, ReadOnlySpan<string> rest, out bool pathExists, out string? methodId)
    {
        pathExists = false;
        methodId = null;
        foreach (var r in All)
        {
            if (!SegmentsMatch(r.PatternSegments, rest, out var id))
            {
                continue;
            }

            pathExists = true;
            if (string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                methodId = id;
                return r;
            }
        }

        return null;
    }

    private static bool SegmentsMatch(string[] pattern, ReadOnlySpan<string> rest, out string? id)
    {
        id = null;
        if (pattern.Length != rest.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == "{id}")
            {
                id = rest[i];
            }
            else if (!string.Equals(pattern[i], rest[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
