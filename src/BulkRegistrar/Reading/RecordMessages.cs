using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>The <see cref="RawRow.Malformed"/> sentences: what is wrong and what to change in the file.</summary>
internal static class RecordMessages
{
    public static string Quoting(CsvMalformedReason reason, int line) => reason switch
    {
        CsvMalformedReason.StrayQuote =>
            $"Stray quote: a cell of the record that starts at line {line} contains a \" but is not enclosed in quotes; enclose the cell in double quotes and double the quote inside it (\"\").",
        CsvMalformedReason.TextAfterClosingQuote =>
            $"Text after a closing quote: a quoted cell of the record that starts at line {line} goes on after its closing quote; enclose the whole cell in double quotes and double the quotes inside it (\"\").",
        CsvMalformedReason.UnterminatedQuote =>
            $"Unterminated quote: the record runs to the end of the file; close the quote in the cell that starts at line {line}.",
        _ => $"The record that starts at line {line} is malformed ({reason}).",
    };

    public static string TooManyFields(int fields, int headerFields, char delimiter) =>
        $"Line has {fields} fields but the header has {headerFields}; a cell probably contains an unquoted {Name(delimiter)} (enclose such cells in double quotes).";

    public static string TooLong(int line, int maxRecordSize) =>
        $"Unterminated quote: the record that starts at line {line} is longer than {maxRecordSize} bytes, so a quote was probably never closed; close the quote in the cell that starts at line {line} (the rest of the file was not read).";

    private static string Name(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        _ => $"'{delimiter}'",
    };
}
