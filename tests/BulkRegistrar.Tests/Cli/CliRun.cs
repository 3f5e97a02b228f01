using System.Text.Json;
using BulkRegistrar.Cli;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace BulkRegistrar.Tests.Cli;

/// <summary>Runs the real command line in-process against a temp folder and keeps what it printed and wrote.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun() => Folder = Directory.CreateTempSubdirectory("cli-").FullName;

    public string Folder { get; }

    public string RunFolder => Path.Combine(Folder, "run");

    public TestConsole Console { get; } = new TestConsole().Width(200);

    public string Output => Console.Output;

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public string WriteFile(string name, string text, System.Text.Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text, encoding ?? new System.Text.UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public Task<int> Run(params string[] args) =>
        CliApp.RunAsync(args, Console, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero)));

    public Task<int> Validate(string csv, params string[] more) => Run(["validate", csv, "--out", RunFolder, .. more]);

    public List<JsonElement> Audit() =>
        File.ReadLines(Path.Combine(RunFolder, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public JsonElement Summary() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RunFolder, "summary.json"))).RootElement.Clone();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
