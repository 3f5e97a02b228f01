using System.Text;
using System.Text.RegularExpressions;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

public sealed partial class ValidateCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sample_file_writes_the_run_folder_and_exits_1_for_its_deliberate_mistakes()
    {
        var exit = await _cli.Validate(Samples.PathOf("new-hires.csv"));

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        foreach (var file in new[] { "audit.jsonl", "audit.csv", "summary.json", "run.log" })
        {
            Assert.True(File.Exists(Path.Combine(_cli.RunFolder, file)), file);
        }

        var summary = _cli.Summary();
        Assert.Equal("validate", summary.GetProperty("mode").GetString());
        Assert.Equal(43, summary.GetProperty("rowsRead").GetInt64());
        Assert.Equal("new-hires.csv", summary.GetProperty("input").GetProperty("file").GetString());
        Assert.Matches("^[0-9a-f]{64}$", summary.GetProperty("input").GetProperty("sha256").GetString());
        Assert.Equal(1, summary.GetProperty("errors").GetProperty("DuplicateRow").GetInt64());
        Assert.Equal(3, summary.GetProperty("errors").GetProperty("DuplicateUser").GetInt64());
        Assert.Equal(1, summary.GetProperty("exitCode").GetInt32());
    }

    [Theory]
    [InlineData("new-hires.csv")]
    [InlineData("new-hires-eu.csv")]
    [InlineData("new-hires-long.csv")]
    public async Task Every_data_line_of_a_sample_ends_in_the_audit_with_an_outcome(string sample)
    {
        await _cli.Validate(Samples.PathOf(sample));

        var records = _cli.Audit();
        var dataLines = DataLines(Samples.PathOf(sample));
        Assert.Equal(dataLines, records.Select(r => r.GetProperty("line").GetInt32()).Distinct().Order());
        Assert.All(records, r =>
        {
            Assert.Contains(r.GetProperty("outcome").GetString(), new[] { "Valid", "Invalid", "Skipped" });
            Assert.Contains(r.GetProperty("method").GetString(), new[] { "mobile", "alternateMobile", "office", "email", "smsSignIn", "none" });
            if (r.GetProperty("outcome").GetString() != "Valid")
            {
                Assert.False(string.IsNullOrEmpty(r.GetProperty("error").GetString()));
                Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetString()));
            }
        });
    }

    [Fact]
    public async Task Valid_long_form_sample_exits_0()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Validate(Samples.PathOf("new-hires-long.csv")));
    }

    [Fact]
    public async Task Console_and_run_log_never_show_an_unmasked_phone_number()
    {
        await _cli.Validate(Samples.PathOf("new-hires.csv"));

        var shown = _cli.Output + File.ReadAllText(Path.Combine(_cli.RunFolder, "run.log"));
        foreach (var record in _cli.Audit())
        {
            var normalized = record.GetProperty("normalized").GetString();
            if (normalized is not null && normalized.StartsWith('+'))
            {
                Assert.DoesNotContain(normalized.Split(' ')[1], shown, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotMatch(LongDigitRun(), shown);
    }

    [Fact]
    public async Task Missing_file_exits_2_with_one_sentence_and_no_run_folder()
    {
        var exit = await _cli.Validate(Path.Combine(_cli.Folder, "nope.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("does not exist", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Fact]
    public async Task Empty_file_exits_2()
    {
        var exit = await _cli.Validate(_cli.WriteFile("empty.csv", ""));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("empty", _cli.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_without_a_user_column_exits_2_naming_the_accepted_aliases()
    {
        var exit = await _cli.Validate(_cli.WriteFile("nouser.csv", "Name,Mobile\nAmelia,+44 7400 123456\n"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("UserPrincipalName", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("upn", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Windows_1252_bytes_exit_2_naming_the_encoding_option_and_then_read_with_it()
    {
        var latin = Encoding.Latin1.GetBytes("upn,mobile,country\nzoë@contoso.com,07400 123456,GB\n");
        var path = _cli.WriteBytes("latin.csv", latin);

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Validate(path));
        Assert.Contains("--encoding windows-1252", _cli.Output, StringComparison.Ordinal);

        using var again = new CliRun();
        var exit = await again.Validate(path, "--encoding", "windows-1252");
        Assert.Equal(ExitCodes.RowsNeedAttention, exit); // ë is not a valid UPN character: InvalidUser, but read correctly
        var record = Assert.Single(again.Audit());
        Assert.Equal("zoë@contoso.com", record.GetProperty("user").GetString());
    }

    [Theory]
    [InlineData("--region", "XX")]
    [InlineData("--bogus", "1")]
    public async Task Bad_options_exit_2(string option, string value)
    {
        var exit = await _cli.Validate(Samples.PathOf("new-hires-long.csv"), option, value);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.DoesNotContain("   at ", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_option_applies_to_numbers_without_country_code()
    {
        var csv = _cli.WriteFile("r.csv", "upn,mobile\na@contoso.com,07400 123456\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Validate(csv));
        Assert.Equal("MissingRegion", _cli.Audit()[0].GetProperty("error").GetString());

        using var again = new CliRun();
        Assert.Equal(ExitCodes.Success, await again.Validate(csv, "--region", "gb"));
        Assert.Equal("+44 7400123456", again.Audit()[0].GetProperty("normalized").GetString());
    }

    [Fact]
    public async Task Malformed_record_is_an_invalid_row_and_later_rows_are_still_processed()
    {
        var csv = _cli.WriteFile("m.csv", "upn,mobile\na@contoso.com,+44 7400 123456\nb@contoso.com,\"+44 7400 \"123457\nc@contoso.com,+44 7400 123458\n");

        await _cli.Validate(csv);

        var records = _cli.Audit();
        Assert.Equal([2, 3, 4], records.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("MalformedRecord", records[1].GetProperty("error").GetString());
        Assert.Equal("Valid", records[2].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        Assert.Equal(0, await _cli.Run("validate", "--help"));
        Assert.Contains("Exit codes:", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("2  the file, configuration or options could not be used", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_user_id_is_neutralised_in_audit_csv()
    {
        var csv = _cli.WriteFile("h.csv", "upn,mobile\n\"=HYPERLINK(\"\"http://x\"\")\",+44 7400 123456\n");

        await _cli.Validate(csv);

        var text = File.ReadAllText(Path.Combine(_cli.RunFolder, "audit.csv"));
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Equal("InvalidUser", _cli.Audit()[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Without_out_a_timestamped_run_folder_is_created_under_the_output_root()
    {
        var root = Path.Combine(_cli.Folder, "runs");
        var config = _cli.WriteFile("cfg.json", $$"""{ "Run": { "OutputRoot": "{{root.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""");

        await _cli.Run("validate", Samples.PathOf("new-hires-long.csv"), "--config", config);

        var folder = Assert.Single(Directory.GetDirectories(root));
        Assert.Matches(@"[0-9]{8}-[0-9]{6}-new-hires-long$", folder);
    }

    /// <summary>Line numbers where a data record starts, per a plain reading of a simple sample file.</summary>
    private static List<int> DataLines(string path)
    {
        var lines = File.ReadAllLines(path);
        var first = lines[0].StartsWith("sep=", StringComparison.Ordinal) || lines[0].StartsWith("\uFEFFsep=", StringComparison.Ordinal) ? 3 : 2;
        return Enumerable.Range(first, lines.Length - first + 1).Where(n => lines[n - 1].Trim().Length > 0).ToList();
    }

    [GeneratedRegex("[0-9]{9,}")]
    private static partial Regex LongDigitRun();
}
