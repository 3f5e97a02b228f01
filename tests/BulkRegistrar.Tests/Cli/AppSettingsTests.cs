using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

public sealed class AppSettingsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_relative_output_root_in_the_config_file_is_beside_that_file_not_in_the_working_directory()
    {
        var configFolder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "conf")).FullName;
        var config = Path.Combine(configFolder, "nightly.json");
        File.WriteAllText(config, """{ "Run": { "OutputRoot": "evidence" } }""");
        var csv = _cli.WriteFile("hires.csv", "upn,mobile\nada@contoso.com,+44 7400100001\n");

        var exit = await _cli.Run("validate", csv, "--config", config);

        Assert.Equal(ExitCodes.Success, exit);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(configFolder, "evidence")));
        Assert.EndsWith("-hires", run, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "summary.json")));
        Assert.False(Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "evidence")));
    }

    [Fact]
    public void Relative_paths_of_the_config_file_resolve_against_its_folder()
    {
        var config = Path.Combine(_cli.Folder, "nightly.json");
        File.WriteAllText(config, """{ "Run": { "OutputRoot": "runs" }, "Emulator": { "SeedPath": "seed/directory.json" } }""");

        var settings = AppSettings.Load(config);

        Assert.Equal(Path.Combine(_cli.Folder, "runs"), settings.Run.OutputRoot);
        Assert.Equal(Path.Combine(_cli.Folder, "seed", "directory.json"), settings.Emulator.SeedPath);
    }
}
