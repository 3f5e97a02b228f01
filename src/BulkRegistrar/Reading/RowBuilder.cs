using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>
/// Turns the record CsvHelper is positioned on into a <see cref="RawRow"/>: raw field access by
/// the indexes of a <see cref="ColumnMap"/>, so the hot path is index lookups and the strings.
/// Also decides whether a record that runs over several lines is one record with a multi-line
/// cell or a stray quote that swallowed the lines after it (<see cref="QuoteRule"/>).
/// </summary>
internal sealed class RowBuilder
{
    private readonly CsvReader _csv;
    private readonly int[] _columns;
    private readonly int[] _methodColumns;
    private readonly int _regionFallback;
    private readonly int _headerCount;
    private readonly char _delimiter;
    private readonly long _lineBase;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed;
    private readonly Func<byte[], CsvReader> _lineReader;

    /// <param name="lineBase">Physical lines before the input of <paramref name="csv"/> (it may start mid-file).</param>
    /// <param name="malformed">What OnMalformedRecord reported, by start line, possibly ahead of the current record.</param>
    /// <param name="lineReader">A reader for one line on its own, without a header.</param>
    public RowBuilder(CsvReader csv, ColumnMap map, int headerCount, char delimiter, long lineBase,
        Queue<(long Line, CsvMalformedReason Reason)> malformed, Func<byte[], CsvReader> lineReader)
    {
        _malformed = malformed;
        _lineReader = lineReader;
        _csv = csv;
        _headerCount = headerCount;
        _delimiter = delimiter;
        _lineBase = lineBase;
        _regionFallback = map.FallbackOf(RowField.Region);
        _columns = new int[ColumnAliases.Keys.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = map.IndexOf((RowField)i);
        }

        _methodColumns = [.. ColumnAliases.MethodColumns.Select(c => _columns[(int)ColumnAliases.FieldOf(c)])];
    }

    /// <summary>The current record, or null when it has no value at all (skip it like a blank line).</summary>
    /// <param name="resumeAt">When the record is a stray quote: the offset in its raw bytes of the
    /// line after its first one, where reading must start again; else -1.</param>
    public RawRow? Build(out int resumeAt)
    {
        resumeAt = -1;
        var line = ToLine(_lineBase + _csv.LineNumber);
        var fieldCount = _csv.FieldCount;
        var malformed = TakeMalformed(_csv.LineNumber, line, out var reason);
        var tooManyFields = fieldCount > _headerCount && HasValuesFrom(_headerCount, fieldCount);
        var raw = _csv.RawRecord;
        var (lineEnd, breakLength) = LineBreaks.First(raw);
        if (lineEnd >= 0 && lineEnd + breakLength < raw.Length
            && QuoteRule.IsStray(raw, malformed is not null || tooManyFields, _headerCount, (byte)_delimiter))
        {
            resumeAt = lineEnd + breakLength;
            return new RawRow(line, UserOfLine(raw[..lineEnd].ToArray()), Malformed: RecordMessages.Unbalanced(line));
        }

        if (malformed is null && tooManyFields)
        {
            malformed = RecordMessages.TooManyFields(fieldCount, _headerCount, _delimiter);
        }

        var userColumn = _columns[(int)RowField.User];
        var lines = lineEnd < 0 ? 1 : LineBreaks.LinesIn(raw);
        if (malformed is not null)
        {
            // An unclosed quote swallows the rest of the file into the record's last field.
            var userReadable = reason != CsvMalformedReason.UnterminatedQuote || userColumn < fieldCount - 1;
            return new RawRow(line, userReadable ? Cell(userColumn) : null, Malformed: malformed, LineCount: lines);
        }

        var user = Cell(userColumn);
        var objectId = Cell(_columns[(int)RowField.ObjectId]);
        if (user is null && !HasValuesFrom(0, fieldCount))
        {
            return null; // ",,,": what Excel writes for a row that was formatted but left empty
        }

        if (user is null)
        {
            (user, objectId) = (objectId, null); // no UPN on this row: the object id both names and addresses the user
        }

        var cells = new string?[_methodColumns.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = Cell(_methodColumns[i]);
        }

        return new RawRow(
            line,
            user,
            Cell(_columns[(int)RowField.Region]) ?? Cell(_regionFallback),
            Cell(_columns[(int)RowField.PhoneNumber]),
            Cell(_columns[(int)RowField.PhoneType]),
            Cell(_columns[(int)RowField.Action]),
            LineCount: lines)
        {
            Cells = MethodCells.Of(cells),
            ObjectId = objectId,
        };
    }

    /// <summary>
    /// The user cell of one physical line read on its own (the line of a stray quote), or null when
    /// the quote opens in or before the user cell, whose end is then unknown.
    /// </summary>
    public string? UserOfLine(byte[] line)
    {
        var userColumn = _columns[(int)RowField.User];
        using var csv = _lineReader(line);
        if (!csv.Read() || userColumn >= csv.FieldCount - 1)
        {
            return null; // the line's last cell is the one the quote opened: it runs to the line's end
        }

        var value = csv.IsEmpty(userColumn) ? "" : csv.GetString(userColumn).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>Physical lines before the input of the reader this builder reads from.</summary>
    public long LineBase => _lineBase;

    public static int ToLine(long line) => line > int.MaxValue ? int.MaxValue : (int)line;

    private string? Cell(int column)
    {
        if (column < 0 || _csv.IsEmpty(column))
        {
            return null;
        }

        var value = _csv.GetString(column);
        // The parser trims spaces and tabs; Excel also leaves no-break spaces around pasted values.
        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            value = value.Trim();
        }

        return value.Length == 0 ? null : value;
    }

    private bool HasValuesFrom(int first, int fieldCount)
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
    private string? TakeMalformed(long readerLine, int line, out CsvMalformedReason reason)
    {
        reason = default;
        while (_malformed.Count > 0 && _malformed.Peek().Line <= readerLine)
        {
            var report = _malformed.Dequeue();
            if (report.Line == readerLine)
            {
                reason = report.Reason;
                return RecordMessages.Quoting(report.Reason, line);
            }
        }

        return null;
    }
}
