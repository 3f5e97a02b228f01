using System.Security.Cryptography;

namespace BulkRegistrar.Reading;

/// <summary>The SHA-256 of a file as lower-case hex: what summary.json, run.json and the inbox use to say which bytes a run read.</summary>
internal static class FileHash
{
    /// <returns>Null when the file cannot be read (gone, locked): the caller reports that, a hash is not worth a crash.</returns>
    public static string? Sha256Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
