namespace BulkRegistrar.Validation;

/// <summary>
/// The whole-file flags for the methods a row may also ask for in its own cells (<c>--issue-tap</c>,
/// <c>--tap-start</c>, <c>--tap-lifetime</c>, <c>--tap-usable-once</c>, <c>--reset-password</c>). A row's
/// own cell wins over the flag; the flag fills the cells a row leaves blank. Also the configuration that
/// reading such cells needs: the time zone of a local TapStart, and whether phone letters are vanity digits. <c>Beta</c>
/// (<c>--beta</c>) lets a file ask for methods Graph offers only in beta (hardware OATH tokens); <c>OathNoActivate</c>
/// (<c>--oath-no-activate</c>) leaves such tokens assigned, not activated.
/// </summary>
internal sealed record MethodDefaults(
    bool IssueTap = false,
    string? TapStart = null,
    string? TapLifetimeMinutes = null,
    string? TapUsableOnce = null,
    bool ResetPassword = false,
    TimeZoneInfo? TimeZone = null,
    bool AllowVanityNumbers = false,
    bool Beta = false,
    bool OathNoActivate = false)
{
    /// <summary>--keep: the method types a reregister row leaves (canonical names, <c>Methods/Reregister/MethodType</c>); empty: none.</summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    public static MethodDefaults None { get; } = new();

    public TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Local;
}
