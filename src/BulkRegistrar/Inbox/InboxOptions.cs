namespace BulkRegistrar.Inbox;

/// <summary><c>Inbox</c> section: how <c>inbox &lt;folder&gt;</c> treats the files dropped there.</summary>
internal sealed class InboxOptions
{
    /// <summary>A file modified more recently than this is still being written (an SFTP upload, an HR export) and is left for the next run.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where run folders go; relative paths are relative to the --config file. Default: &lt;inbox&gt;/runs.</summary>
    public string? RunsFolder { get; set; }

    public IReadOnlyList<string> Validate() =>
        SettleTime < TimeSpan.Zero ? [$"Inbox:SettleTime is {SettleTime}; it must be 0 or more"] : [];
}
