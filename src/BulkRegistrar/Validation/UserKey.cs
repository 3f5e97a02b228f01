namespace BulkRegistrar.Validation;

/// <summary>
/// A 64-bit case-insensitive fingerprint of a user id (FNV-1a over lower-cased chars). The
/// duplicate index keeps only these, so a million-user file costs ~30 MB, not the strings; a
/// collision only makes two users share a group, which is then split by the real key.
/// </summary>
internal static class UserKey
{
    public static ulong Hash(string user)
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
