using System.Globalization;
using BulkRegistrar.Graph;

namespace BulkRegistrar.State;

/// <summary>
/// Which tenant a state-store row speaks for. A tenant is its cloud and tenant id (the same tenant id names one
/// tenant in one cloud). A standalone emulator (<c>--emulator-url</c>) is its address and tenant id: one kept
/// running between runs is one tenant (restarted, it starts from its seed again — run with <c>--full</c> then).
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
            "tenant" => string.Create(CultureInfo.InvariantCulture, $"tenant|{target.Identity?.Cloud.Name ?? ""}|{(tenant.Length > 0 ? tenant : new Uri(target.GraphBaseUrl).Host)}"),
            "emulator-url" => $"emulator-url|{new Uri(target.GraphBaseUrl).Authority.ToLowerInvariant()}|{tenant}",
            _ => $"{BuiltInEmulatorPrefix}{new Uri(target.GraphBaseUrl).Authority}|{Guid.NewGuid():N}",
        };
    }

    public static bool IsBuiltInEmulator(string key) => key.StartsWith(BuiltInEmulatorPrefix, StringComparison.Ordinal);
}
