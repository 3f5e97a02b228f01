using System.Text;
using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>
/// The reading stage: streams the records of a CSV file as <see cref="RawRow"/>s, with the
/// separator, encoding and header resolved by <see cref="Open"/>. Records are read with raw
/// field access through a <see cref="ColumnMap"/> because the aliases are configuration, not
/// attributes. A bad record is a row with <see cref="RawRow.Malformed"/> set; a file that cannot
/// be read at all is an <see cref="InputFileException"/>, from <see cref="Open"/> or, for bytes
/// that turn out not to be UTF-8 further down the file, from the enumeration.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly CsvReader _csv;
    private readonly SourceStream _source;
    private readonly int _maxRecordSize;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed = new();
    private readonly RowBuilder _rows;
    private bool _started;

    private CsvRowReader(string path, CsvOptions options, FileInput input, AliasTable aliases)
    {
        Path = path;
        Encoding = input.Encoding;
        HasByteOrderMark = input.HasByteOrderMark;
        FileLength = input.Length;
        _source = input.Stream;
        _maxRecordSize = options.MaxRecordSize;
        _csv = CsvReader.Create(_source, new CsvReaderOptions
        {
            Separator = null, // detected among , ; tab |
            DetectSeparatorHint = true, // Excel's "sep=;" first line
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            MaxRecordSize = options.MaxRecordSize,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // too few is fine; too many is checked per record
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            // Queued from the start: reading the header already scans the first block of records.
            OnMalformedRecord = m => _malformed.Enqueue((m.LineNumber, m.Reason)),
            Encoding = input.TranscodeFrom,
        });
        Headers = Guard(() => _csv.Headers);
        if (Headers.Count == 0)
        {
            throw new InputFileException($"The input file '{path}' is empty: it has no header row.");
        }

        var map = ColumnMap.Create(Headers, aliases, path);
        UnknownHeaders = map.UnknownHeaders;
        Delimiter = _csv.Separator;
        _rows = new RowBuilder(_csv, map, Headers.Count, Delimiter, _malformed);
    }

    public string Path { get; }

    /// <summary>The separator in use: detected, or given by a <c>sep=</c> first line.</summary>
    public char Delimiter { get; }

    /// <summary>The encoding the file is read with (from its BOM, the override, or UTF-8).</summary>
    public Encoding Encoding { get; }

    public bool HasByteOrderMark { get; }

    /// <summary>The header cells as read (trimmed by the parser).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Non-blank headers that match no alias; log them once, as one warning.</summary>
    public IReadOnlyList<string> UnknownHeaders { get; }

    public long FileLength { get; }

    /// <summary>Bytes read from the file so far, for progress (advances in 64 KiB steps).</summary>
    public long BytesRead => _source.BytesRead;

    /// <summary>Opens <paramref name="path"/>, detects encoding and separator, and matches the header.</summary>
    /// <param name="encodingOverride">The CLI's <c>--encoding</c>, which wins over <see cref="CsvOptions.Encoding"/>.</param>
    /// <exception cref="InputFileException">The file or the options cannot be used.</exception>
    public static CsvRowReader Open(string path, CsvOptions options, string? encodingOverride = null)
    {
        var aliases = ColumnAliases.Build(options);
        if (aliases.Errors.Count > 0)
        {
            throw new InputFileException(aliases.Errors[0]);
        }

        if (options.MaxRecordSize < CsvOptions.MinRecordSize)
        {
            throw new InputFileException($"Csv:MaxRecordSize is {options.MaxRecordSize}; it must be at least {CsvOptions.MinRecordSize} bytes.");
        }

        var input = FileInput.Open(path, CsvEncodings.Resolve(options, encodingOverride));
        try
        {
            return new CsvRowReader(path, options, input, aliases);
        }
        catch
        {
            input.Stream.Dispose();
            throw;
        }
    }

    /// <summary>The records, once, in file order. Blank lines and all-empty records are skipped.</summary>
    public IEnumerable<RawRow> ReadRows()
    {
        if (_started)
        {
            throw new InvalidOperationException("The rows of a CsvRowReader can be read only once.");
        }

        _started = true;
        return Rows();
    }

    public void Dispose() => _csv.Dispose();

    private IEnumerable<RawRow> Rows()
    {
        while (Advance(out var tooLong))
        {
            if (tooLong is not null)
            {
                yield return tooLong;
                yield break; // the rest of the file is inside the unclosed quote
            }

            var row = _rows.Build();
            if (row is not null)
            {
                yield return row;
            }
        }
    }

    private bool Advance(out RawRow? tooLong)
    {
        tooLong = null;
        try
        {
            return _csv.Read(); // not through Guard: a method group would allocate a delegate per record
        }
        catch (InvalidUtf8Exception e)
        {
            throw DecodeErrors.NotUtf8(Path, e);
        }
        catch (DecoderFallbackException e)
        {
            throw DecodeErrors.NotInEncoding(Path, Encoding, e);
        }
        catch (CsvFormatException e)
        {
            // Recover/Allow make the buffer limit the only format error Read can raise.
            var line = RowBuilder.ToLine(e.LineNumber);
            tooLong = new RawRow(line, null, Malformed: RecordMessages.TooLong(line, _maxRecordSize));
            return true;
        }
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidUtf8Exception e)
        {
            throw DecodeErrors.NotUtf8(Path, e);
        }
        catch (DecoderFallbackException e)
        {
            throw DecodeErrors.NotInEncoding(Path, Encoding, e);
        }
    }
}
