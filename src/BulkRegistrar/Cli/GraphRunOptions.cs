namespace BulkRegistrar.Cli;

/// <summary>
/// Everything one plan or apply run is asked to do, typed: read from its command line (<see cref="GraphCommandLine"/>),
/// from run.json by a resume, or built by the inbox for each of its files. <see cref="GraphRun"/> takes nothing else.
/// Null or false: not given (configuration or the default decides).
/// </summary>
internal sealed record GraphRunOptions(CommonRunOptions Common, MethodFlags Methods)
{
    public const string Skip = "skip";
    public const string Update = "update";

    /// <summary>--handoff-by's one value.</summary>
    public const string ByManager = "manager";

    public bool Emulator { get; init; }

    public string? EmulatorUrl { get; init; }

    public string? Auth { get; init; }

    /// <summary><see cref="Skip"/> or <see cref="Update"/>.</summary>
    public string OnConflict { get; init; } = Skip;

    public long? MaxChanges { get; init; }

    public int? Concurrency { get; init; }

    /// <summary>The state store's file; null: State:Path, or none.</summary>
    public string? State { get; init; }

    public bool Full { get; init; }

    public bool ReplaceTap { get; init; }

    public string? Handoff { get; init; }

    /// <summary><see cref="ByManager"/>, or null: one hand-off file for everyone.</summary>
    public string? HandoffBy { get; init; }

    /// <summary>The certificate every hand-off file is encrypted to; null: plain files.</summary>
    public string? HandoffRecipient { get; init; }

    public bool Verify { get; init; }

    public bool DeviceCode { get; init; }

    /// <summary>--keep: the method types a reregister row leaves, as given (checked at start-up).</summary>
    public string? Keep { get; init; }

    /// <summary>--yes: a reregister run may delete more than <see cref="ReregisterGuard.Threshold"/> methods.</summary>
    public bool Yes { get; init; }

    public bool ReplaceQr { get; init; }

    /// <summary>The QR code badge sheet; null: &lt;run folder&gt;/badges.html.</summary>
    public string? Badges { get; init; }

    /// <summary>--clamp-tap-lifetime: a pass lifetime outside the tenant's policy bounds is sent at the nearest bound.</summary>
    public bool ClampTapLifetime { get; init; }

    /// <summary>--require-policy: a methods policy that cannot be read stops the run (exit 2) instead of a warning.</summary>
    public bool RequirePolicy { get; init; }
}
