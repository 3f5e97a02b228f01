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
                run.Log.Warning("Ignored columns (not in the alias table): {Columns}", ControlText.Escape(string.Join(", ", index.UnknownHeaders)));
            }

            // Said once, before any row: what the file's first lines are and how its columns were read where a name did not settle it.
            foreach (var said in index.Preamble.Select(p => p.Describe()).Concat(index.Columns.Choices))
            {
                run.Console.MarkupLine(SafeConsole.Line(said));
                run.Log.Information("Input: {Choice}", ControlText.Escape(said));
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
        run.Console.MarkupLine("[red]" + SafeConsole.Line(e.Message) + "[/]");
        run.Log.Error("File-level problem: {Reason}", ControlText.Escape(e.Message)); // the log's console sink bypasses SafeConsole
        return e.Message;
    }

    /// <summary>
    /// The sentence for a file with a header and no rows — an empty export that a nightly job must
    /// notice, so it ends the run like an empty file (exit 2) instead of looking like success; or null.
    /// </summary>
    public static string? CheckHasRows(RunContext run, long rowsRead)
    {
        if (rowsRead > 0)
        {
            return null;
        }

        var message = $"Nothing to do: the file has a header but no rows ({Path.GetFileName(run.InputPath)}); check the export that produced it.";
        run.Console.MarkupLine("[red]" + SafeConsole.Line(message) + "[/]");
        run.Log.Error("File-level problem: {Reason}", ControlText.Escape(message));
        return message;
    }

    /// <summary>
    /// The file as summary.json describes it (encoding and delimiter only when it could be opened).
    /// Reading stops only on a file-level problem, found by the first pass before any row reaches the
    /// audit: then every line after the header is unread, and the lines are counted here.
    /// </summary>
    public static RunInput Describe(RunContext run, InputFile? file)
    {
        var lines = file?.Index.PhysicalLines;
        IReadOnlyList<LineRange> unread = [];
        // A whole-file verdict comes after the first pass, which counted the lines, but before any row was read for the audit.
        if (lines is null || !file!.Main.RowsStarted)
        {
            lines ??= LineCounter.Count(run.InputPath, file?.Index.Encoding);
            var first = file is null ? 1 : file.Index.HeaderLine + 1;
            unread = lines >= first ? [new LineRange(first, lines.Value)] : [];
        }

        return new(
            Path.GetFileName(run.InputPath),
            new FileInfo(run.InputPath) is { Exists: true } info ? info.Length : 0, // the file may have been moved away meanwhile
            Reading.FileHash.Sha256Of(run.InputPath),
            file?.Index.Encoding.WebName,
            file is null ? null : file.Index.Delimiter == '\t' ? "tab" : file.Index.Delimiter.ToString(),
            lines,
            unread,
            file is null || file.Index.Preamble.Count == 0 ? null : file.Index.Preamble,
            file?.Index.Columns.Uses);
    }

    public void Dispose()
    {
        Index.Dispose();
        Main.Dispose();
    }
}
