namespace BulkRegistrar.Cli;

/// <summary>
/// <c>Logging</c> section: the production log beside the per-run <c>run.log</c>. A scheduler's runs come and
/// go; this one rolls daily in one folder, keeps <see cref="RetainedFileCount"/> files, and can be written
/// as compact JSON (CLEF) for a log shipper. Off unless <see cref="Folder"/> is set.
/// </summary>
internal sealed class LoggingOptions
{
    /// <summary>Where the rolling log goes (relative paths are relative to the configuration file); null: none.</summary>
    public string? Folder { get; set; }

    /// <summary>How many daily files are kept; older ones are deleted.</summary>
    public int RetainedFileCount { get; set; } = 14;

    /// <summary><c>text</c> (one line per event) or <c>clef</c> (compact JSON, one object per line).</summary>
    public string Format { get; set; } = "text";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RetainedFileCount is < 1 or > 3650)
        {
            errors.Add("Logging:RetainedFileCount must be between 1 and 3650");
        }

        if (Format is not ("text" or "clef"))
        {
            errors.Add($"Logging:Format is '{Format}'; use text or clef");
        }

        return errors;
    }
}
