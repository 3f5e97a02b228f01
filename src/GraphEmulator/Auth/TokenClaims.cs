namespace GraphEmulator.Auth;

/// <summary>
/// What the emulator reads from a bearer token. App-only tokens carry roles; delegated tokens
/// carry scp and the signed-in user's oid, so the device-code flow can be added without changing
/// the checks.
/// </summary>
internal sealed record TokenClaims(
    string AppId,
    string TenantId,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Scopes,
    string? UserObjectId,
    int Generation,
    DateTimeOffset NotBefore,
    DateTimeOffset Expires)
{
    public bool IsAppOnly => UserObjectId is null;

    /// <summary>The permissions this token grants: roles for app-only, scp for delegated.</summary>
    public IReadOnlySet<string> Grants => IsAppOnly ? Roles : Scopes;
}
