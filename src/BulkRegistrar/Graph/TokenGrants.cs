using System.Buffers.Text;
using System.Text.Json;

namespace BulkRegistrar.Graph;

/// <summary>
/// What an access token grants, read (never validated: Graph is the judge) from its claims: <c>roles</c>
/// for an app-only token, <c>scp</c> and <c>wids</c> (the signed-in user's directory roles) for a delegated one.
/// </summary>
internal sealed record TokenGrants(IReadOnlySet<string> Roles, IReadOnlySet<string> Scopes, IReadOnlySet<string>? DirectoryRoles)
{
    public bool Delegated => Scopes.Count > 0 && Roles.Count == 0;

    /// <summary>Null when the token is not a readable JWT (Graph tokens are opaque by contract).</summary>
    public static TokenGrants? Read(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var p = doc.RootElement;
            if (p.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var scopes = p.TryGetProperty("scp", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return new TokenGrants(Strings(p, "roles") ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase),
                scopes.ToHashSet(StringComparer.OrdinalIgnoreCase), Strings(p, "wids"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HashSet<string>? Strings(JsonElement p, string name) =>
        p.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;
}
