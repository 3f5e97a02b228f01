namespace BulkRegistrar.Cli;

/// <summary><c>Phone</c> section: the region assumed for numbers written without <c>+</c> when neither the row nor <c>--region</c> says.</summary>
internal sealed class PhoneOptions
{
    public string? DefaultRegion { get; set; }
}

/// <summary><c>Run</c> section: where run folders are created.</summary>
internal sealed class RunOptions
{
    public string OutputRoot { get; set; } = "runs";

    /// <summary>The time zone of a TapStart written without an offset (IANA or Windows id); null = this computer's.</summary>
    public string? TimeZone { get; set; }
}
