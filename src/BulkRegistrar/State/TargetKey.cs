using System.Globalization;
using BulkRegistrar.Graph;

namespace BulkRegistrar.State;

/// <summary>
/// Which tenant a state-store row speaks for. A tenant is its cloud and tenant id (the same tenant id names one
/// tenant in one cloud). A standalone emulator (<c>--emulator-url</c>) is its address, tenant id and the
/// <c>directoryId</c> it reports: one kept running between runs is one tenant, but restarted, reset or reseeded it
/// serves a fresh directory from its seed under the same address and tenant id, and a new directoryId says so.
/// A built-in emulator (<c>--emulator</c>) is a fresh tenant every time it starts, so its key is unique to that start
/// and never matches a later run's.
/// </summary>
internal static class TargetKey
{
    public const string BuiltInEmulatorPrefix = "emulator|";

    public static string Of(GraphTarget target)
    {
        var tenant = target.Identity?.TenantId?.ToLowerInvariant() ?? "";
        return target.Kind switch
        {
            "tenant" =>
                string.Create(CultureInfo.InvariantCulture,
                    $"tenant|{target.Identity?.Cloud.Name ?? ""}|{(tenant.Length > 0 ? tenant : new Uri(target.GraphBaseUrl).Host)}"),
            "emulator-url" => $"{EmulatorUrlPrefix(target)}{tenant}|{target.DirectoryId}",
            _ => $"{BuiltInEmulatorPrefix}{new Uri(target.GraphBaseUrl).Authority}|{Guid.NewGuid():N}",
        };
    }

    /// <summary>
    /// The rows this key makes obsolete: those of earlier built-in emulators (each died with its process), or of
    /// earlier directories of this standalone emulator (restarted, reset or reseeded, they are gone). Null: none.
    /// </summary>
    public static string? SupersededPrefix(string key) =>
        key.StartsWith(BuiltInEmulatorPrefix, StringComparison.Ordinal) ? BuiltInEmulatorPrefix
        : key.StartsWith("emulator-url|", StringComparison.Ordinal) && !key.EndsWith('|') ? key[..(key.IndexOf('|', "emulator-url|".Length) + 1)]
        : null;

    private static string EmulatorUrlPrefix(GraphTarget target) => $"emulator-url|{new Uri(target.GraphBaseUrl).Authority.ToLowerInvariant()}|";
}
