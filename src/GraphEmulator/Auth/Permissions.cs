using GraphEmulator.Graph;

namespace GraphEmulator.Auth;

/// <summary>Permission names and the grant check per operation (docs/graph-behaviour.md §4; [emu] rule there).</summary>
internal static class Permissions
{
    public const string MethodsReadWrite = "UserAuthenticationMethod.ReadWrite.All";
    public const string MethodsRead = "UserAuthenticationMethod.Read.All";
    public const string UserReadAll = "User.Read.All";
    public const string GroupMemberReadAll = "GroupMember.Read.All";
    public const string PolicyReadMethods = "Policy.Read.AuthenticationMethod";
    public const string PolicyReadWriteMethods = "Policy.ReadWrite.AuthenticationMethod";
    public const string RevokeSessions = "User.RevokeSessions.All";

    private static readonly string[] UserReaders =
        [UserReadAll, "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

    private static readonly string[] DirectoryReaders = ["Directory.Read.All", "Directory.ReadWrite.All"];

    private static readonly string[] GroupReaders = [GroupMemberReadAll, "Group.Read.All", "Group.ReadWrite.All"];

    private static readonly string[] PolicyReaders = [PolicyReadMethods, PolicyReadWriteMethods, "Policy.Read.All"];

    private static readonly string[] SessionRevokers = [RevokeSessions, "User.ReadWrite.All", "Directory.ReadWrite.All"];

    /// <summary>Does this set of grants (roles or scp) allow the route?</summary>
    public static bool Allows(IReadOnlySet<string> grants, RouteDef route)
    {
        return route.Access switch
        {
            Access.UserRead => UserReaders.Any(grants.Contains),
            Access.MethodsRead => grants.Contains(MethodsRead) || grants.Contains(MethodsReadWrite)
                || (route.Family is { } f && (grants.Contains(PerMethod(f, write: false)) || grants.Contains(PerMethod(f, write: true)))),

            // checkMemberGroups / getMemberGroups on a user: a user reader and a group reader, or a directory reader.
            Access.MemberGroups => DirectoryReaders.Any(grants.Contains) || (UserReaders.Any(grants.Contains) && GroupReaders.Any(grants.Contains)),

            // memberOf / transitiveMemberOf of another user, application: Directory.Read.All is the least documented.
            Access.MemberOf => DirectoryReaders.Any(grants.Contains),
            Access.PolicyRead => PolicyReaders.Any(grants.Contains),
            Access.PolicyWrite => grants.Contains(PolicyReadWriteMethods),
            Access.RevokeSessions => SessionRevokers.Any(grants.Contains),
            _ => grants.Contains(MethodsReadWrite) || (route.Family is { } g && grants.Contains(PerMethod(g, write: true))),
        };
    }

    /// <summary>Directory reads refused answer 403 Authorization_RequestDenied; the methods and policy services answer accessDenied.</summary>
    public static bool IsDirectoryAccess(Access access) => access is Access.UserRead or Access.MemberGroups or Access.MemberOf or Access.RevokeSessions;

    /// <summary>The newer per-method permissions, e.g. UserAuthMethod-Phone.ReadWrite.All.</summary>
    private static string PerMethod(string family, bool write) =>
        $"UserAuthMethod-{family}.{(write ? "ReadWrite" : "Read")}.All";
}
