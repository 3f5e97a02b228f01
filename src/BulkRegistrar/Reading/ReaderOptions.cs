using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>How <see cref="CsvRowReader"/> has CsvHelper read: the file (from its header, or mid-file after a stray quote) and one line on its own.</summary>
internal static class ReaderOptions
{
    /// <param name="separator">Null to detect it (the start of the file, no <c>sep=</c> line); else the one found.</param>
    /// <param name="header">Whether the input starts with the header (the file's start), or mid-file without one.</param>
    /// <param name="malformed">Where OnMalformedRecord reports go, by start line.</param>
    public static CsvReaderOptions Records(char? separator, bool header, int maxRecordSize, Queue<(long Line, CsvMalformedReason Reason)> malformed) => new()
    {
        Separator = separator, // detected among , ; tab |
        DetectSeparatorHint = separator is null, // Excel's "sep=;" first line, when Preambles did not take it
        HasHeader = header,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        MaxRecordSize = maxRecordSize,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow, // too few is fine; too many is checked per record
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        // Queued from the start: reading the header already scans the first block of records.
        OnMalformedRecord = m => malformed.Enqueue((m.LineNumber, m.Reason)),
    };

    /// <summary>One physical line read on its own (the line of a stray quote), without a header.</summary>
    public static CsvReaderOptions OneLine(char separator) => new()
    {
        Separator = separator,
        HasHeader = false,
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
    };
}
