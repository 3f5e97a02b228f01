namespace BulkRegistrar.Cli;

/// <summary><c>Run</c> section: where run folders are created.</summary>
internal sealed class RunOptions
{
    public string OutputRoot { get; set; } = "runs";

    /// <summary>The time zone of a TapStart written without an offset (IANA or Windows id); null = this computer's.</summary>
    public string? TimeZone { get; set; }
}
