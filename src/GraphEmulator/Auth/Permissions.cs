using GraphEmulator.Graph;

namespace GraphEmulator.Auth;

/// <summary>Permission names and the grant check per operation (docs/graph-behaviour.md §4; [emu] rule there).</summary>
internal static class Permissions
{
    public const string MethodsReadWrite = "UserAuthenticationMethod.ReadWrite.All";
    public const string MethodsRead = "UserAuthenticationMethod.Read.All";
    public const string UserReadAll = "User.Read.All";

    private static readonly string[] UserReaders =
        [UserReadAll, "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

    /// <summary>Does this set of grants (roles or scp) allow the route?</summary>
    public static bool Allows(IReadOnlySet<string> grants, RouteDef route)
    {
        return route.Access switch
        {
            Access.UserRead => UserReaders.Any(grants.Contains),
            Access.MethodsRead => grants.Contains(MethodsRead) || grants.Contains(MethodsReadWrite)
                || (route.Family is { } f && (grants.Contains(PerMethod(f, write: false)) || grants.Contains(PerMethod(f, write: true)))),
            _ => grants.Contains(MethodsReadWrite) || (route.Family is { } g && grants.Contains(PerMethod(g, write: true))),
        };
    }

    /// <summary>The newer per-method permissions, e.g. UserAuthMethod-Phone.ReadWrite.All.</summary>
    private static string PerMethod(string family, bool write) =>
        $"UserAuthMethod-{family}.{(write ? "ReadWrite" : "Read")}.All";
}
