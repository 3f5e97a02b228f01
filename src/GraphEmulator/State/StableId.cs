using System.Security.Cryptography;
using System.Text;

namespace GraphEmulator.State;

/// <summary>
/// Ids the seed leaves out (a group named only by a user, a seeded method without an id) as GUIDs derived from a
/// name, so they are the same at every start, reset and reseed and a test can rely on them.
/// </summary>
internal static class StableId
{
    public static string For(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16].ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5 style: name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString();
    }
}
