using System.Text.Json;
using Spectre.Console.Testing;

namespace TestSupport;

/// <summary>
/// Runs the real command line in-process against a fixture's emulator (via --emulator-url), on the system
/// clock (the emulator's buckets and windows run on it too), each run in a fresh run folder and console.
/// </summary>
public sealed class CliApply : IDisposable
{
    private readonly CliRun _cli = new(TimeProvider.System, "apply-");
    private readonly EmulatorFixture _fixture;
    private int _runs;

    public CliApply(EmulatorFixture fixture)
    {
        _fixture = fixture;
        ConfigPath = Path.Combine(Folder, "test-config.json");
        // NewUserWindow 0: a user the sample lacks is NotFound at once; the tests of the window set their own.
        File.WriteAllText(ConfigPath, """{ "Dispatch": { "MaxRetryTime": "00:10:00", "NewUserWindow": "00:00:00" } }""");
    }

    public string Folder => _cli.Folder;

    public string ConfigPath { get; }

    public string RunFolder => _cli.RunFolder;

    public TestConsole Console => _cli.Console;

    public string WriteCsv(string text) => _cli.WriteFile($"input-{Guid.NewGuid():N}.csv", text);

    public Task<int> Run(string verb, string csv, params string[] more) => Run(verb, csv, CancellationToken.None, more);

    public Task<int> Run(string verb, string csv, CancellationToken ct, params string[] more) =>
        RunAgainst(_fixture.Emulator.BaseUrl.ToString(), verb, csv, ct, more);

    /// <summary>Runs against another address (nothing listening, a socket that is not TLS…).</summary>
    public Task<int> RunAgainst(string emulatorUrl, string verb, string csv, params string[] more) =>
        RunAgainst(emulatorUrl, verb, csv, CancellationToken.None, more);

    public Task<int> RunAgainst(string emulatorUrl, string verb, string csv, CancellationToken ct, params string[] more)
    {
        _cli.RunFolder = Path.Combine(Folder, $"run-{++_runs}");
        _cli.Console = new TestConsole().Width(250);
        return _cli.Run([verb, csv, "--emulator-url", emulatorUrl, "--config", ConfigPath, "--out", _cli.RunFolder, .. more], ct);
    }

    public List<JsonElement> Audit() => _cli.Audit();

    public JsonElement Summary() => _cli.Summary();

    public void Dispose() => _cli.Dispose();
}

/// <summary>The check every interrupted run must pass against the emulator's count of applied writes.</summary>
public static class AppliedWrites
{
    /// <summary>
    /// Every write the emulator applied is in the audit as done (<c>Created</c>) or as <c>OutcomeUnknown</c>
    /// (sent, no clear answer before the run stopped: honest, it may have landed), never as not sent; and
    /// nothing is claimed done that the emulator did not apply.
    /// </summary>
    public static void AssertAccountedFor(long applied, IReadOnlyList<JsonElement> records)
    {
        var created = records.Count(r => r.Outcome() == "Created");
        var unknown = records.Count(r => r.Error() == "OutcomeUnknown");
        Assert.InRange(applied, created, created + unknown);
    }
}
