using System.Diagnostics;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using Spectre.Console.Testing;

namespace BulkRegistrar.Tests.Cli;

/// <summary>
/// What a verb refuses before it reads a row or creates a run folder: reused run folders, unknown or
/// malformed configuration, inputs that cannot be read twice. Each is one sentence and exit 2.
/// </summary>
public sealed class StartupCheckTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void AssertOneSentenceNoTrace(string output)
    {
        Assert.DoesNotContain("Unexpected error", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reusing_a_run_folder_is_refused_and_the_earlier_evidence_is_untouched()
    {
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");
        Assert.Equal(ExitCodes.Success, await _cli.Validate(csv, "--region", "GB"));
        var before = Directory.GetFiles(_cli.RunFolder).ToDictionary(f => f, File.ReadAllBytes);
        var broken = _cli.WriteFile("b.csv", "user,mobile\nnot-a-user,12\n");

        var exit = await _cli.Validate(broken);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("is not empty", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(_cli.RunFolder).Order());
        Assert.All(before, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
        AssertOneSentenceNoTrace(_cli.Output);
    }

    [Fact]
    public async Task An_empty_existing_out_folder_is_used()
    {
        Directory.CreateDirectory(_cli.RunFolder);
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");

        Assert.Equal(ExitCodes.Success, await _cli.Validate(csv));
        Assert.True(File.Exists(Path.Combine(_cli.RunFolder, "summary.json")));
    }

    [Theory]
    [InlineData("""{ "Emulator": { "TimeCompresion": 10 } }""", "Emulator:TimeCompresion")]
    [InlineData("""{ "Dispatch": { "Budget": { "Write": 10 } } }""", "Dispatch:Budget:Write")]
    [InlineData("""{ "Graph": { "BaseUrl": "graph.microsoft.com/v1.0" } }""", "Graph:BaseUrl")]
    [InlineData("""{ "Graph": { "BaseUrl": "https://graph.microsoft.com/beta" } }""", "Graph:BaseUrl")]
    [InlineData("""{ "Emulator": { "FaultProfile": "realstic" } }""", "FaultProfile: Unknown fault profile 'realstic'")]
    [InlineData("""{ "Emulator": { "ThrottlingProfile": "entra-XL" } }""", "ThrottlingProfile: Unknown throttling profile")]
    [InlineData("""{ "Emulator": { "TimeCompression": 0 } }""", "TimeCompression must be positive")]
    [InlineData("""{ "Phone": { "AllowVanityNumbers": "sometimes" } }""", "Phone:AllowVanityNumbers")]
    public async Task A_configuration_mistake_is_one_sentence_naming_the_key_and_leaves_no_run_folder(string config, string named)
    {
        var configPath = _cli.WriteFile("config.json", config);

        var exit = await _cli.Run("plan", Samples.PathOf("new-hires-long.csv"), "--emulator", "--config", configPath, "--out", _cli.RunFolder);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains(named, _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
        AssertOneSentenceNoTrace(_cli.Output);
    }

    [Fact]
    public async Task A_configuration_file_that_is_no_json_or_a_folder_is_one_sentence_saying_which()
    {
        var broken = _cli.WriteFile("broken.json", "{ \"Run\": { \"OutputRoot\": runs } }");
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Validate(csv, "--config", broken));
        OneSentence.In(_cli.Output, "It is not valid JSON (line 1, byte 26).");

        _cli.Console = new TestConsole().Width(200);
        Assert.Equal(ExitCodes.CannotProcess, await _cli.Validate(csv, "--config", _cli.Folder));
        OneSentence.In(_cli.Output, $"The configuration file '{_cli.Folder}' is a folder; --config names a JSON file.");
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Fact]
    public async Task A_handoff_option_naming_a_folder_is_one_sentence_before_the_run_folder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Folder, "handoffs")).FullName;

        var exit = await _cli.Run("apply", Samples.PathOf("new-hires-long.csv"), "--emulator", "--issue-tap", "--handoff", folder, "--out", _cli.RunFolder);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(_cli.Output, $"The hand-off file '{folder}' is a folder; --handoff names a file, such as "
            + $"'{Path.Combine(folder, "handoff.csv")}'. Nothing was sent.");
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Theory]
    [InlineData("{ \"users\": [ ", "is not valid JSON (line 1, byte 14) (Emulator:SeedPath).")]
    [InlineData("null", "is empty (Emulator:SeedPath).")]
    [InlineData(null, "does not exist (Emulator:SeedPath).")]
    public async Task A_missing_or_damaged_emulator_seed_is_one_sentence_before_the_run_folder(string? seed, string said)
    {
        var seedPath = Path.Combine(_cli.Folder, "seed.json");
        if (seed is not null)
        {
            File.WriteAllText(seedPath, seed);
        }

        var configPath = _cli.WriteFile("config.json", """{ "Emulator": { "SeedPath": "seed.json" } }""");

        var exit = await _cli.Run("apply", Samples.PathOf("new-hires-long.csv"), "--emulator", "--config", configPath, "--out", _cli.RunFolder);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(_cli.Output, $"The emulator's directory seed '{seedPath}' {said}");
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Fact]
    public async Task Free_form_sections_such_as_column_aliases_and_serilog_are_not_unknown_keys()
    {
        var configPath = _cli.WriteFile("config.json", """{ "Csv": { "Columns": { "MobilePhone": [ "Handynummer" ] } }, "Serilog": { "Whatever": 1 } }""");
        var csv = _cli.WriteFile("a.csv", "user,Handynummer\na@contoso.com,+44 7400 123456\n");

        Assert.Equal(ExitCodes.Success, await _cli.Validate(csv, "--config", configPath));
    }

    [Fact]
    public async Task The_rolling_log_goes_to_Logging_Folder_relative_to_the_configuration_file_as_clef()
    {
        var configPath = _cli.WriteFile("config.json", """{ "Logging": { "Folder": "logs", "Format": "clef" } }""");
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");

        Assert.Equal(ExitCodes.Success, await _cli.Validate(csv, "--config", configPath));

        var log = Assert.Single(Directory.GetFiles(Path.Combine(_cli.Folder, "logs"), "bulkregistrar-*.log"));
        var events = File.ReadAllLines(log).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(events, e => e.GetProperty("@mt").GetString()!.StartsWith("Finished", StringComparison.Ordinal));
        Assert.DoesNotContain("7400 123456", File.ReadAllText(log), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Logging": { "Format": "xml" } }""", "Logging:Format")]
    [InlineData("""{ "Logging": { "RetainedFileCount": 0 } }""", "Logging:RetainedFileCount")]
    public async Task A_bad_log_setting_is_one_sentence_naming_it(string config, string named)
    {
        var configPath = _cli.WriteFile("config.json", config);
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Validate(csv, "--config", configPath));
        Assert.Contains(named, _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_file_another_process_holds_locked_is_one_sentence_not_an_unexpected_error()
    {
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");
        // .NET takes an advisory lock for FileShare.None on Unix (a share violation on Windows); running as
        // root makes a permission-denied file readable, so a lock is how a test makes a file unreadable.
        using var held = new FileStream(csv, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var exit = await _cli.Validate(csv);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("cannot be read", _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
        AssertOneSentenceNoTrace(_cli.Output);
    }

    [Fact]
    public async Task A_configuration_file_another_process_holds_locked_is_one_sentence()
    {
        var configPath = _cli.WriteFile("config.json", "{}");
        var csv = _cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");
        using var held = new FileStream(configPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var exit = await _cli.Validate(csv, "--config", configPath);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("cannot be read", _cli.Output, StringComparison.Ordinal);
        AssertOneSentenceNoTrace(_cli.Output);
    }

    [Fact]
    public async Task A_named_pipe_is_refused_with_a_sentence_instead_of_a_seek_error()
    {
        var fifo = Path.Combine(_cli.Folder, "pipe.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // A writer on the other end, as `<(cat file.csv)` has; opening for read blocks until one exists.
        var writer = Task.Run(() =>
        {
            try
            {
                File.WriteAllText(fifo, "user,mobile\na@contoso.com,+44 7400 123456\n");
            }
            catch (IOException)
            {
                // The reader refuses and closes early: a broken pipe is expected.
            }
        });

        var exit = await _cli.Validate(fifo);
        await writer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("not a regular file", _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
        AssertOneSentenceNoTrace(_cli.Output);
    }
}
