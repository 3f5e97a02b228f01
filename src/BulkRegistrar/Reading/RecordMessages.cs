using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>The <see cref="RawRow.Malformed"/> sentences: what is wrong and what to change in the file.</summary>
internal static class RecordMessages
{
    public static string Quoting(CsvMalformedReason reason, int line) => reason switch
    {
        CsvMalformedReason.StrayQuote =>
            $"Stray quote: a cell of the record that starts at line {line} contains a \" but is not enclosed in quotes; enclose the cell in double "
                + $"quotes and double the quote inside it (\"\").",
        CsvMalformedReason.TextAfterClosingQuote =>
            $"Text after a closing quote: a quoted cell of the record that starts at line {line} goes on after its closing quote; enclose the whole "
                + $"cell in double quotes and double the quotes inside it (\"\").",
        CsvMalformedReason.UnterminatedQuote =>
            $"Unterminated quote: the record runs to the end of the file; close the quote in the cell that starts at line {line}.",
        _ => $"The record that starts at line {line} is malformed ({reason}).",
    };

    public static string TooManyFields(int fields, int headerFields, char delimiter) =>
        $"Line has {fields} fields but the header has {headerFields}; a cell probably contains an unquoted {Name(delimiter)} (enclose such cells in "
            + $"double quotes).";

    /// <summary>A quote that opens a cell on <paramref name="line"/> and is not closed at a cell boundary: only this line is lost.</summary>
    public static string Unbalanced(int line) =>
        $"Unbalanced quote: a cell on line {line} opens a quote that is not closed on that line; close it (\"...\") or remove it. Only this line was "
            + $"set aside: reading went on at line {line + 1}.";

    /// <summary>One physical line longer than the record limit (not a quote running on: the line itself is that long).</summary>
    public static string LineTooLong(int line, int maxRecordSize) =>
        $"Line {line} is longer than {maxRecordSize} bytes (Csv:MaxRecordSize), so it was not read; shorten it. Reading went on at line {line + 1}.";

    private static string Name(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        _ => $"'{delimiter}'",
    };
}
