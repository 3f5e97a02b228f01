namespace BulkRegistrar.Cli;

/// <summary><c>Phone</c> section: the region assumed for numbers written without <c>+</c> when neither the row nor <c>--region</c> says.</summary>
internal sealed class PhoneOptions
{
    public string? DefaultRegion { get; set; }
}
