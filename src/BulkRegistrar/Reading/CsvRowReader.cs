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
/// A stray quote costs its own line only: the reader starts a new CsvHelper reader at the next
/// physical line, on bytes a <see cref="ReplayStream"/> still holds (see <see cref="QuoteRule"/>).
/// </summary>
internal sealed partial class CsvRowReader : IDisposable
{
    private const int ReadAhead = 4 * 64 * 1024; // what CsvHelper may hold beyond the record it is on

    private readonly SourceStream _source;
    private readonly ReplayStream _replay;
    private readonly CsvOptions _options;
    private readonly ColumnMap _map;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed = new();
    private CsvReader _csv;
    private RowBuilder _rows;
    private long _byteBase; // where the input of _csv starts in _replay
    private bool _started;

    private CsvRowReader(string path, CsvOptions options, FileInput input, AliasTable aliases)
    {
        Path = path;
        Encoding = input.Encoding;
        HasByteOrderMark = input.HasByteOrderMark;
        FileLength = input.Length;
        _options = options;
        _source = input.Source;
        var window = 2L * options.MaxRecordSize + ReadAhead + 2L * ColumnSample.MaxBytes;
        _replay = new ReplayStream(input.Utf8, (int)Math.Min(window, Array.MaxLength));
        // A known tool's line above the header (sep=, version:v1.0, #TYPE) is not a row: CsvHelper starts at the header.
        var preamble = Guard(() => Preambles.Read(_replay));
        Preamble = preamble.Lines;
        _csv = StartAt(preamble.HeaderOffset, preamble.Separator);
        Headers = Guard(() => _csv.Headers);
        if (Headers.Count == 0)
        {
            throw new InputFileException($"The input file '{path}' is empty: it has no header row.");
        }

        HeaderLine = RowBuilder.ToLine(Preamble.Count + Math.Max(1, _csv.LineNumber));
        Delimiter = _csv.Separator;
        _map = ColumnMap.Create(Headers, aliases, path, () => ColumnSample.Take(_csv, Headers.Count, () => _replay.Position));
        UnknownHeaders = _map.UnknownHeaders;
        // The sample read past the header: read the header again, now with the separator known, so that
        // reading proper starts at the header's end and meets every record (and any problem) afresh.
        _csv.Dispose();
        _csv = StartAt(preamble.HeaderOffset, Delimiter);
        _ = Guard(() => _csv.Headers);

        _rows = Builder(lineBase: Preamble.Count);
    }

    public string Path { get; }

    /// <summary>The separator in use: detected, or given by a <c>sep=</c> first line.</summary>
    public char Delimiter { get; }

    /// <summary>The encoding the file is read with (from its BOM, the override, or UTF-8).</summary>
    public Encoding Encoding { get; }

    public bool HasByteOrderMark { get; }

    /// <summary>The header cells as read (trimmed by the parser).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The lines above the header that a known tool writes there (<see cref="PreambleLine"/>); not rows.</summary>
    public IReadOnlyList<PreambleLine> Preamble { get; }

    /// <summary>Which column became which field, and the choices that took more than a name.</summary>
    public ColumnMap Columns => _map;

    /// <summary>The physical line of the header (2 after Excel's <c>sep=</c> line).</summary>
    public int HeaderLine { get; }

    /// <summary>Non-blank headers that match no alias; log them once, as one warning.</summary>
    public IReadOnlyList<string> UnknownHeaders { get; }

    public long FileLength { get; }

    /// <summary>Whether the header has a column for <paramref name="field"/>.</summary>
    public bool HasColumn(RowField field) => _map.IndexOf(field) >= 0;

    /// <summary>Bytes read from the file so far, for progress (advances in 64 KiB steps).</summary>
    public long BytesRead => _source.BytesRead;

    /// <summary>The physical lines of the file, once the rows have been read to its end; else null.</summary>
    public long? PhysicalLines => _replay.Lines;

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
            input.Utf8.Dispose();
            throw;
        }
    }

    /// <summary>Whether the rows have begun to be read (the first record was asked for).</summary>
    public bool RowsStarted { get; private set; }

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

    public void Dispose()
    {
        _csv.Dispose();
        _replay.Dispose();
    }

    private IEnumerable<RawRow> Rows()
    {
        RowsStarted = true;
        while (Advance(out var tooLong))
        {
            if (tooLong is not null)
            {
                yield return tooLong;
                continue;
            }

            var row = _rows.Build(out var resumeAt);
            if (resumeAt >= 0)
            {
                var offset = _byteBase + _csv.ByteOffset + resumeAt;
                yield return row!;
                ResumeAt(offset, row!.Line);
                continue;
            }

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
            // Recover/Allow make the record limit the only format error Read can raise: a quote
            // that ran on for MaxRecordSize bytes, or one line that long.
            tooLong = SkipLine(RowBuilder.ToLine(_rows.LineBase + e.LineNumber), _byteBase + e.ByteOffset);
            return true;
        }
    }

    private RowBuilder Builder(long lineBase) =>
        new(_csv, _map, Headers.Count, Delimiter, lineBase, _malformed, line => CsvReader.Create(line, ReaderOptions.OneLine(Delimiter)));

    /// <summary>A reader with a header, from <paramref name="offset"/> (where the header starts).</summary>
    private CsvReader StartAt(long offset, char? separator)
    {
        if (!_replay.RewindTo(offset))
        {
            throw Unresynchronised(HeaderLine);
        }

        _malformed.Clear();
        _byteBase = offset;
        return CsvReader.Create(_replay, ReaderOptions.Records(separator, header: true, _options.MaxRecordSize, _malformed), leaveOpen: true);
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
