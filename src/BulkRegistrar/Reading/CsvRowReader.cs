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
    private readonly int[] _columns;
    private readonly int _headerCount;
    private readonly int _maxRecordSize;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed = new();
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
            OnMalformedRecord = m => _malformed.Enqueue((m.LineNumber, m.Reason)),
            Encoding = input.TranscodeFrom,
        });
        Headers = Guard(() => _csv.Headers);
        if (Headers.Count == 0)
        {
            throw new InputFileException($"The input file '{path}' is empty: it has no header row.");
        }

        _headerCount = Headers.Count;
        var map = ColumnMap.Create(Headers, aliases, path);
        UnknownHeaders = map.UnknownHeaders;
        _columns = new int[ColumnAliases.Keys.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = map.IndexOf((RowField)i);
        }

        Delimiter = _csv.Separator;
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

        var input = FileInput.Open(path, ResolveEncoding(options, encodingOverride));
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

            var row = CurrentRow();
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
            var line = ToLine(e.LineNumber);
            tooLong = new RawRow(line, null, Malformed: RecordMessages.TooLong(line, _maxRecordSize));
            return true;
        }
    }

    private RawRow? CurrentRow()
    {
        var line = ToLine(_csv.LineNumber);
        var fieldCount = _csv.FieldCount;
        var malformed = TakeMalformed(line, out var reason);
        if (malformed is null && fieldCount > _headerCount && HasValuesPast(_headerCount, fieldCount))
        {
            malformed = RecordMessages.TooManyFields(fieldCount, _headerCount, Delimiter);
        }

        var userColumn = _columns[(int)RowField.User];
        if (malformed is not null)
        {
            // An unclosed quote swallows the rest of the file into the record's last field.
            var userReadable = reason != CsvMalformedReason.UnterminatedQuote || userColumn < fieldCount - 1;
            return new RawRow(line, userReadable ? Cell(userColumn) : null, Malformed: malformed);
        }

        var user = Cell(userColumn);
        if (user is null && !HasValuesPast(0, fieldCount))
        {
            return null; // ",,,": what Excel writes for a row that was formatted but left empty
        }

        return new RawRow(
            line,
            user,
            Cell(_columns[(int)RowField.Mobile]),
            Cell(_columns[(int)RowField.AlternateMobile]),
            Cell(_columns[(int)RowField.Office]),
            Cell(_columns[(int)RowField.Email]),
            Cell(_columns[(int)RowField.Region]),
            Cell(_columns[(int)RowField.SmsSignIn]),
            Cell(_columns[(int)RowField.PhoneNumber]),
            Cell(_columns[(int)RowField.PhoneType]),
            Cell(_columns[(int)RowField.Action]));
    }

    private string? Cell(int column)
    {
        if (column < 0 || _csv.IsEmpty(column))
        {
            return null;
        }

        var value = _csv.GetString(column);
        // The parser trims spaces and tabs; Excel also leaves no-break spaces around pasted values.
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            value = value.Trim();
        }

        return value.Length == 0 ? null : value;
    }

    private bool HasValuesPast(int first, int fieldCount)
    {
        for (var i = first; i < fieldCount; i++)
        {
            if (Cell(i) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // The parser scans ahead, so reports can be queued for records not returned yet.
    private string? TakeMalformed(int line, out CsvMalformedReason reason)
    {
        reason = default;
        while (_malformed.Count > 0 && _malformed.Peek().Line <= line)
        {
            var report = _malformed.Dequeue();
            if (report.Line == line)
            {
                reason = report.Reason;
                return RecordMessages.Quoting(report.Reason, line);
            }
        }

        return null;
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

    private static int ToLine(long line) => line > int.MaxValue ? int.MaxValue : (int)line;

    private static Encoding? ResolveEncoding(CsvOptions options, string? encodingOverride)
    {
        var (source, name) = encodingOverride is not null
            ? ("--encoding", encodingOverride)
            : ("Csv:Encoding", options.Encoding);
        if (name is null)
        {
            return null;
        }

        return CsvEncodings.TryResolve(name, out var encoding)
            ? encoding
            : throw new InputFileException(CsvEncodings.UnknownMessage(source, name));
    }
}
