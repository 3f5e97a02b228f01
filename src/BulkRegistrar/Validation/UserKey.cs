namespace BulkRegistrar.Validation;

/// <summary>
/// A user id as the file's rows are compared: case-insensitive, so <c>Ada@Contoso.com</c> and
/// <c>ada@contoso.com</c> are one user. <see cref="Of"/> is the key itself; <see cref="Fingerprint"/> is a
/// 64-bit FNV-1a of the same lower-cased characters, which is all the duplicate index keeps, so a
/// million-user file costs 12 MB, not the strings; a collision only makes two users share a group,
/// which is then split by <see cref="Of"/>. (User ids are ASCII once validated, so lower-casing per
/// character and per string agree.)
/// </summary>
internal static class UserKey
{
    public static string Of(string user) => user.ToLowerInvariant();

    public static ulong Fingerprint(string user)
    {
        var h = 14695981039346656037UL;
        foreach (var c in user)
        {
            h ^= char.ToLowerInvariant(c);
            h *= 1099511628211UL;
        }

        return h;
    }
}
