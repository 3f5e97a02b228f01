namespace BulkRegistrar.Cli;

/// <summary><c>Run</c> section: where run folders are created.</summary>
internal sealed class RunOptions
{
    public string OutputRoot { get; set; } = "runs";

    /// <summary>The time zone of a TapStart written without an offset (IANA or Windows id); null = this computer's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Below this much free space on the run folder's disk (or below an estimate of what the file's audit needs, if more)
    /// the run starts with a warning (console, run.log, summary.json). Not a refusal: a disk that fills up mid-run stops
    /// the sending at once with the evidence kept (intents.jsonl), and apply --resume finishes it.
    /// </summary>
    public long MinFreeSpaceMB { get; set; } = 100;

    public IReadOnlyList<string> Validate() =>
        MinFreeSpaceMB is < 0 or > 1_000_000 ? [$"Run:MinFreeSpaceMB is {MinFreeSpaceMB}; it must be between 0 and 1000000"] : [];
}
