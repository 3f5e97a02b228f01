using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// The input CSV, open twice: one reader for the duplicate index (first pass), one for the rows
/// themselves (second pass). Shared by every verb, as is the way a file-level problem is reported.
/// </summary>
internal sealed class InputFile : IDisposable
{
    private InputFile(CsvRowReader index, CsvRowReader main) => (Index, Main) = (index, main);

    public CsvRowReader Index { get; }

    public CsvRowReader Main { get; }

    /// <exception cref="InputFileException">The file cannot be read at all.</exception>
    public static InputFile Open(RunContext run)
    {
        var index = CsvRowReader.Open(run.InputPath, run.Settings.Csv, run.Encoding);
        try
        {
            var file = new InputFile(index, CsvRowReader.Open(run.InputPath, run.Settings.Csv, run.Encoding));
            if (index.UnknownHeaders.Count > 0)
            {
                run.Log.Warning("Ignored columns (not in the alias table): {Columns}", string.Join(", ", index.UnknownHeaders));
            }

            return file;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>One red sentence on the console and in the log; the caller ends the run with exit code 2.</summary>
    public static string Report(RunContext run, InputFileException e)
    {
        run.Console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
        run.Log.Error("File-level problem: {Reason}", e.Message);
        return e.Message;
    }

    /// <summary>The file as summary.json describes it (encoding and delimiter only when it could be opened).</summary>
    public static RunInput Describe(RunContext run, InputFile? file) => new(
        Path.GetFileName(run.InputPath),
        new FileInfo(run.InputPath).Length,
        RunReport.Sha256Of(run.InputPath),
        file?.Index.Encoding.WebName,
        file is null ? null : file.Index.Delimiter == '\t' ? "tab" : file.Index.Delimiter.ToString());

    public void Dispose()
    {
        Index.Dispose();
        Main.Dispose();
    }
}
