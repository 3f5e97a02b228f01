using System.Buffers.Text;
using System.Text.Json;
using BulkRegistrar.Audit;

namespace BulkRegistrar.Transport;

/// <summary>
/// The sentence a 401 or 403 from Graph stops the run with. For a 403 it names the permission that
/// is missing: what the refused request needs, compared with the <c>roles</c> claim of the app's
/// access token (read, never validated — Graph is the judge; when the token cannot be read, the
/// sentence names what the request needs).
/// </summary>
internal sealed class GraphAccess(Task<IReadOnlySet<string>?> tokenRoles, bool apply)
{
    public const string UserRead = "User.Read.All";
    public const string MethodsReadWrite = "UserAuthenticationMethod.ReadWrite.All";
    public const string MethodsRead = "UserAuthenticationMethod.Read.All";

    private static readonly string[] UserReaders = [UserRead, "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

    public async Task<RunAbort> RefusedAsync(CallResult r, GraphCall call)
    {
        var (code, message) = r.Error;
        var answered = $"Graph answered {r.Status} {code ?? "(no code)"} ({message?.TrimEnd('.') ?? "no message"})";
        if (r.Status == 401)
        {
            return new RunAbort(AbortCause.GraphUnauthorized,
                $"{answered}: Graph did not accept the app's access token (expired, revoked, or issued for another tenant). "
                + "Run again; if it persists, check the app registration.");
        }

        var methods = call.Request.URI.AbsolutePath.Contains("/authentication/", StringComparison.OrdinalIgnoreCase);
        // The methods policy's group targets are judged with checkMemberGroups (docs/graph-behaviour.md §13.1), a read of its own permission.
        var groups = call.Request.URI.AbsolutePath.EndsWith("/checkMemberGroups", StringComparison.OrdinalIgnoreCase);
        var doing = groups ? "reading a user's group membership for the methods policy"
            : methods ? (call.IsWrite ? "writing an authentication method" : "reading authentication methods") : "looking a user up";
        var needed = groups ? Preflight.GroupRead : methods ? (apply ? MethodsReadWrite : MethodsRead) : UserRead;
        IReadOnlySet<string>? roles = null;
        try
        {
            roles = await tokenRoles;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The token is needed only for a better sentence; the 403 itself is the fact.
        }

        var fix = "Grant it in Entra ID (App registrations → API permissions → Microsoft Graph → Application permissions) "
            + "with admin consent, then run again.";
        if (roles is null)
        {
            return new RunAbort(AbortCause.GraphForbidden, $"{answered} when {doing}, which needs the application permission {needed}. {fix}");
        }

        var missing = groups ? (Preflight.GroupReaders.Any(roles.Contains) ? [] : [needed]) : Missing(roles);
        var grants = roles.Count == 0 ? "no application permissions" : string.Join(", ", roles.Order(StringComparer.Ordinal));
        return new RunAbort(AbortCause.GraphForbidden, missing.Count > 0
            ? $"{answered} when {doing}: the app lacks the application permission {string.Join(" and ", missing)} (its token grants {grants}). {fix}"
            : $"{answered} when {doing}, although the app's token grants {grants}: the permission or its consent was probably removed "
                + "after the token was issued. Check the app's API permissions, then run again.");
    }

    /// <summary>The permissions plan/apply need that these roles do not cover.</summary>
    public List<string> Missing(IReadOnlySet<string> roles)
    {
        var missing = new List<string>();
        if (!UserReaders.Any(roles.Contains))
        {
            missing.Add(UserRead);
        }

        if (!roles.Contains(MethodsReadWrite) && (apply || !roles.Contains(MethodsRead)))
        {
            missing.Add(apply ? MethodsReadWrite : MethodsRead);
        }

        return missing;
    }

    /// <summary>The <c>roles</c> claim of a JWT access token; null when the token is not a readable JWT.</summary>
    public static IReadOnlySet<string>? RolesOf(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array)
            {
                roles.UnionWith(r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            }

            return roles;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
