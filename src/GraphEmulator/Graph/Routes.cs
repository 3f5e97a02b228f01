namespace GraphEmulator.Graph;

internal enum RouteKind
{
    UsersList,
    UserGet, ManagerGet, MemberOf, TransitiveMemberOf, CheckMemberGroups, GetMemberGroups, RevokeSessions,
    MethodsList, MethodGet, ResetPassword, OperationGet,
    PhoneList, PhoneCreate, PhoneGet, PhoneUpdate, PhoneDelete, PhoneEnableSms, PhoneDisableSms,
    EmailList, EmailCreate, EmailGet, EmailUpdate, EmailDelete,
    TapList, TapCreate, TapGet, TapDelete,
    PasswordList, PasswordGet,
    RegisteredList, RegisteredGet, RegisteredDelete, ExternalCreate,
    QrPut, QrGet, QrDelete, QrCodeGet, QrCodePatch, QrCodeDelete, QrPinPatch,
    OathAssign, OathActivate, OathAssignAndActivate, OathAssignBySerial,
    PolicyGet, PolicyConfigGet, OathDeviceList, OathDeviceGet, OathDeviceCreate, OathDeviceBulk,
}

/// <summary>Which grant an operation needs (docs/graph-behaviour.md §4).</summary>
internal enum Access
{
    UserRead,
    MethodsRead,
    MethodsWrite,

    /// <summary>resetPassword and its operation: delegated tokens only.</summary>
    DelegatedOnly,
    MemberGroups,
    MemberOf,
    PolicyRead,
    PolicyWrite,
    RevokeSessions,
}

/// <summary>One operation: verb, path (under users/{id}, or from the root for tenant routes), rights it needs, and whether it writes.</summary>
internal sealed record RouteDef(string Method, string Pattern, RouteKind Kind, Access Access, string? Family)
{
    public string[] PatternSegments { get; } = Pattern.Length == 0 ? [] : Pattern.Split('/');

    /// <summary>GET users itself rather than something under users/{id}.</summary>
    public bool CollectionRoute { get; init; }

    /// <summary>A tenant resource (policies/…, directory/…): the pattern starts at the root and no user is involved.</summary>
    public bool TenantRoute { get; init; }

    /// <summary>Served under /beta only; under /v1.0 its segment is unknown, as on Graph.</summary>
    public bool BetaOnly { get; init; }

    /// <summary>A POST action that only reads (checkMemberGroups, getMemberGroups): metered as a read [emu].</summary>
    public bool ReadOnlyAction { get; init; }

    /// <summary>For routes of the <see cref="State.MethodKinds"/>: which kind.</summary>
    public string? MethodKind { get; init; }

    public string Name => CollectionRoute ? $"{Method} users"
        : TenantRoute ? $"{Method} {Pattern}"
        : $"{Method} users/{{id}}{(Pattern.Length == 0 ? "" : "/" + Pattern)}";

    public bool IsWrite => Method != "GET" && !ReadOnlyAction;
}

/// <summary>Route matching, case-insensitive on segment names like Graph. The tables are in <see cref="RouteTable"/>.</summary>
internal static class Routes
{
    /// <summary>GET /users (list with $filter/$select/$top): the object-id lookup for UPNs that are awkward in paths.</summary>
    public static readonly RouteDef UsersList = new("GET", "", RouteKind.UsersList, Access.UserRead, null) { CollectionRoute = true };

    /// <summary>
    /// Finds the route for segments after users/{key} (or from the root for tenant routes). pathExists tells a wrong
    /// verb (405) from an unknown path (400), and methodId is the {id} segment when the pattern has one. Beta-only
    /// routes do not exist under /v1.0.
    /// </summary>
    public static RouteDef? Match(string method, ReadOnlySpan<string> rest, bool beta, bool tenant, out bool pathExists, out string? methodId)
    {
        pathExists = false;
        methodId = null;
        foreach (var r in tenant ? RouteTable.Tenant : RouteTable.User)
        {
            if ((r.BetaOnly && !beta) || !SegmentsMatch(r.PatternSegments, rest, out var id))
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
