using BulkRegistrar.Audit;
using BulkRegistrar.Tests.Reading;

namespace BulkRegistrar.Tests.Cli;

/// <summary>A workbook renamed .csv is one sentence saying what it is, exit 2, with the run's summary, as the other file-level problems.</summary>
public sealed class BinaryFileCliTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Excel_workbook_renamed_csv_is_refused_as_a_workbook_even_with_encoding_windows_1252()
    {
        var path = _cli.WriteBytes("new-hires.csv", BinaryFormatsTests.Workbook("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"));

        var exit = await _cli.Validate(path, "--encoding", "windows-1252");

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var sentence = $"The file '{path}' is an Excel workbook (.xlsx), not a CSV: open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\", "
            + $"then name that file.";
        Assert.Contains(sentence, _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", _cli.Output, StringComparison.Ordinal);
        Assert.Empty(_cli.Audit());
        var summary = _cli.Summary();
        Assert.Equal(ExitCodes.CannotProcess, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal(sentence, summary.GetProperty("abortReason").GetString());
    }
}
