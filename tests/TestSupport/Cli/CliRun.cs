using System.Text;
using System.Text.Json;
using BulkRegistrar.Cli;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace TestSupport;

/// <summary>Runs the real command line in-process against a temp folder and keeps what it printed and wrote.</summary>
public sealed class CliRun : IDisposable
{
    private readonly TimeProvider _time;

    /// <param name="time">The run's clock; default a fake clock standing at <see cref="Clocks.RunStart"/>.</param>
    /// <param name="prefix">The temp folder's name prefix, so a leftover folder says which tests made it.</param>
    public CliRun(TimeProvider? time = null, string prefix = "cli-")
    {
        _time = time ?? new FakeTimeProvider(Clocks.RunStart);
        Folder = Directory.CreateTempSubdirectory(prefix).FullName;
        RunFolder = Path.Combine(Folder, "run");
    }

    public string Folder { get; }

    /// <summary>Where the next run writes (--out) and where <see cref="Audit"/> and <see cref="Summary"/> read.</summary>
    public string RunFolder { get; set; }

    /// <summary>What the CLI prints to; replace it to start the next run with an empty screen.</summary>
    public TestConsole Console { get; set; } = new TestConsole().Width(200);

    public string Output => Console.Output;

    public string WriteFile(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public Task<int> Run(params string[] args) => Run(args, CancellationToken.None);

    /// <summary>
    /// The run, bounded by <see cref="Guard"/> of real time: a run that never ends fails its test with what it printed, instead of
    /// holding the whole test session until CI's limit (the run itself is left to the process's end).
    /// </summary>
    public async Task<int> Run(string[] args, CancellationToken ct)
    {
        var run = CliApp.RunAsync(StandingClock(args), Console, _time, ct);
        try
        {
            return await run.WaitAsync(Guard, TimeProvider.System, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"`{string.Join(' ', args)}` did not end within {Guard.TotalMinutes} minutes; it printed:\n{Console.Output}");
        }
    }

    /// <summary>Far above any test's run (the longest take seconds), so only a hang reaches it.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(6);

    /// <summary>
    /// On the fake clock, which stands still, a run against an emulator gets Dispatch:NewUserWindow 0 (unless the test gives its own
    /// --config): the window's waits would never end, and a user the sample lacks is NotFound at once, as before the window existed.
    /// </summary>
    private string[] StandingClock(string[] args)
    {
        if (_time is not FakeTimeProvider || args.Contains("--config") || !args.Any(a => a is "--emulator" or "--emulator-url"))
        {
            return args;
        }

        var config = Path.Combine(Folder, "standing-clock.json");
        File.WriteAllText(config, """{ "Dispatch": { "NewUserWindow": "00:00:00" } }""");
        return [.. args, "--config", config];
    }

    public Task<int> Validate(string csv, params string[] more) => Run(["validate", csv, "--out", RunFolder, .. more]);

    public List<JsonElement> Audit() => RunFiles.Audit(RunFolder);

    public JsonElement Summary() => RunFiles.Summary(RunFolder);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
