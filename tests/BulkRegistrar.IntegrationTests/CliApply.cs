using System.Text.Json;
using BulkRegistrar.Cli;
using Spectre.Console.Testing;

namespace BulkRegistrar.IntegrationTests;

/// <summary>Runs the real command line in-process against the fixture's emulator (via --emulator-url).</summary>
internal sealed class CliApply : IDisposable
{
    private int _runs;

    public CliApply(EmulatorFixture fixture)
    {
        Fixture = fixture;
        Folder = Directory.CreateTempSubdirectory("apply-").FullName;
        ConfigPath = Path.Combine(Folder, "test-config.json");
        File.WriteAllText(ConfigPath, """{ "Dispatch": { "MaxRetryTime": "00:10:00" } }""");
    }

    public EmulatorFixture Fixture { get; }

    public string Folder { get; }

    public string ConfigPath { get; }

    public string RunFolder { get; private set; } = "";

    public TestConsole Console { get; private set; } = new();

    public string WriteCsv(string text)
    {
        var path = Path.Combine(Folder, $"input-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public Task<int> Run(string verb, string csv, params string[] more) => Run(verb, csv, CancellationToken.None, more);

    public Task<int> Run(string verb, string csv, CancellationToken ct, params string[] more) =>
        RunAgainst(Fixture.Emulator.BaseUrl.ToString(), verb, csv, ct, more);

    /// <summary>Runs against another address (nothing listening, a socket that is not TLS…).</summary>
    public Task<int> RunAgainst(string emulatorUrl, string verb, string csv, params string[] more) => RunAgainst(emulatorUrl, verb, csv, CancellationToken.None, more);

    public async Task<int> RunAgainst(string emulatorUrl, string verb, string csv, CancellationToken ct, params string[] more)
    {
        RunFolder = Path.Combine(Folder, $"run-{++_runs}");
        Console = new TestConsole().Width(250);
        return await CliApp.RunAsync(
            [verb, csv, "--emulator-url", emulatorUrl, "--config", ConfigPath, "--out", RunFolder, .. more],
            Console, TimeProvider.System, ct);
    }

    public List<JsonElement> Audit() =>
        File.ReadLines(Path.Combine(RunFolder, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public JsonElement Summary() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RunFolder, "summary.json"))).RootElement.Clone();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

internal static class AuditExtensions
{
    public static string Outcome(this JsonElement record) => record.GetProperty("outcome").GetString()!;

    public static string Method(this JsonElement record) => record.GetProperty("method").GetString()!;

    public static int Line(this JsonElement record) => record.GetProperty("line").GetInt32();

    public static string? Error(this JsonElement record) => record.GetProperty("error").GetString();
}

internal static class AppliedWrites
{
    /// <summary>
    /// Every write the emulator applied is in the audit as done (<c>Created</c>) or as <c>OutcomeUnknown</c>
    /// (sent, no clear answer before the run stopped: honest, it may have landed), never as not sent; and
    /// nothing is claimed done that the emulator did not apply.
    /// </summary>
    public static void AssertAccountedFor(long applied, IReadOnlyList<System.Text.Json.JsonElement> records)
    {
        var created = records.Count(r => r.Outcome() == "Created");
        var unknown = records.Count(r => r.Error() == "OutcomeUnknown");
        Assert.InRange(applied, created, created + unknown);
    }
}
