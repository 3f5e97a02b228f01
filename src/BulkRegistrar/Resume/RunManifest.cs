using System.Text.Json;

namespace BulkRegistrar.Resume;

/// <summary>
/// <c>run.json</c>, written before the first row is read: what <c>apply --resume</c> needs when the run
/// died before <c>summary.json</c> — the input file (full path, SHA-256, size) and the command line that
/// started the run, its paths made absolute so a resume from another working directory means the same.
/// No secret is ever on the command line (secrets come from the environment or owner-only files).
/// </summary>
internal sealed record RunManifest(string Mode, string Input, string Sha256, long Bytes, IReadOnlyList<string> Arguments, string ToolVersion)
{
    public const string FileName = "run.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    // Options whose value is a path: made absolute, since a resume may start from another folder.
    private static readonly HashSet<string> PathOptions = new(StringComparer.Ordinal) { "--config", "--state", "--handoff", "--handoff-recipient",
        "--new-passwords", "--new-pins",
        "--badges" };

    // Not carried into the resume: --out is the run folder itself, --resume is how we got here.
    private static readonly HashSet<string> NotCarried = new(StringComparer.Ordinal) { "--out", "--resume" };

    /// <summary>The run's command line (without the verb), as the resume will parse it again.</summary>
    /// <param name="options">The options given, by name, with their value (none for a flag).</param>
    public static RunManifest For(string mode, string inputPath, IEnumerable<(string Option, string? Value)> options, string toolVersion)
    {
        var arguments = new List<string> { Path.GetFullPath(inputPath) };
        foreach (var (option, value) in options.Where(o => !NotCarried.Contains(o.Option)))
        {
            arguments.Add(option);
            if (value is not null)
            {
                arguments.Add(PathOptions.Contains(option) ? Path.GetFullPath(value) : value);
            }
        }

        var input = Path.GetFullPath(inputPath);
        return new RunManifest(mode, input, Reading.FileHash.Sha256Of(input) ?? "", new FileInfo(input).Length, arguments, toolVersion);
    }

    public void WriteTo(string runFolder) => File.WriteAllText(Path.Combine(runFolder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The manifest of a run folder that can be resumed.</summary>
    /// <exception cref="UsageException">Not a resumable run folder, or the input file is gone or changed.</exception>
    public static RunManifest Load(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        if (!Directory.Exists(runFolder))
        {
            throw new UsageException($"--resume: the run folder '{runFolder}' does not exist.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--resume: '{runFolder}' has no {FileName}; only a run folder of an apply that recorded it (this version or later) "
                + "can be resumed.");
        }

        FinishedRun.Refuse(runFolder);

        RunManifest? manifest;
        try
        {
            manifest = Deserialize(path);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--resume: {path} cannot be read ({e.Message}).");
        }

        if (manifest is null || manifest.Mode != "apply" || manifest.Arguments is not { Count: > 0 })
        {
            throw new UsageException($"--resume: '{runFolder}' is not the folder of an apply run; only apply runs are resumed (a plan is simply run again).");
        }

        if (!File.Exists(manifest.Input))
        {
            throw new UsageException($"--resume: the run's input file '{manifest.Input}' is gone; a run is resumed only with the file it started with.");
        }

        if (Reading.FileHash.Sha256Of(manifest.Input) != manifest.Sha256)
        {
            throw new UsageException($"--resume: the input file '{manifest.Input}' changed since the run started (its SHA-256 differs), so the audit no "
                + "longer describes it. Start a new run instead.");
        }

        return manifest;
    }

    /// <summary>The run folder's manifest, or null when it has none that can be read (a plan, or a run that died before writing it).</summary>
    public static RunManifest? TryRead(string runFolder)
    {
        try
        {
            return Deserialize(Path.Combine(runFolder, FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static RunManifest? Deserialize(string path) => JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json);
}
