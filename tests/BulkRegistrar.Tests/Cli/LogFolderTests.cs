using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Cli;

public sealed class LogFolderTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_log_folder_that_cannot_be_written_is_one_sentence_and_exit_2_before_the_run_folder()
    {
        using var readOnly = ReadOnlyMount.Create();
        var logs = Path.Combine(readOnly.Path, "logs");
        var config = _cli.WriteFile("nightly.json", $$"""{ "Logging": { "Folder": "{{logs}}" } }""");
        var csv = _cli.WriteFile("hires.csv", "upn,mobile\nada@contoso.com,+44 7400100001\n");

        var exit = await _cli.Validate(csv, "--config", config);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(_cli.Output, $"Logging:Folder '{logs}' cannot be written (Read-only file system); make it writable");
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Fact]
    public async Task A_writable_log_folder_gets_the_rolling_log_and_no_probe_file_is_left()
    {
        var logs = Path.Combine(_cli.Folder, "logs");
        var config = _cli.WriteFile("nightly.json", """{ "Logging": { "Folder": "logs" } }""");
        var csv = _cli.WriteFile("hires.csv", "upn,mobile\nada@contoso.com,+44 7400100001\n");

        Assert.Equal(ExitCodes.Success, await _cli.Validate(csv, "--config", config));

        Assert.Equal(["bulkregistrar-"], Directory.GetFiles(logs).Select(f => Path.GetFileName(f)[..14]));
    }
}
