using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>
/// Turns the record CsvHelper is positioned on into a <see cref="RawRow"/>: raw field access by
/// the indexes of a <see cref="ColumnMap"/>, so the hot path is index lookups and the strings.
/// </summary>
internal sealed class RowBuilder
{
    private readonly CsvReader _csv;
    private readonly int[] _columns;
    private readonly int _headerCount;
    private readonly char _delimiter;
    private readonly Queue<(long Line, CsvMalformedReason Reason)> _malformed;

    /// <param name="malformed">What OnMalformedRecord reported, by start line, possibly ahead of the current record.</param>
    public RowBuilder(CsvReader csv, ColumnMap map, int headerCount, char delimiter, Queue<(long Line, CsvMalformedReason Reason)> malformed)
    {
        _malformed = malformed;
        _csv = csv;
        _headerCount = headerCount;
        _delimiter = delimiter;
        _columns = new int[ColumnAliases.Keys.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = map.IndexOf((RowField)i);
        }
    }

    /// <summary>The current record, or null when it has no value at all (skip it like a blank line).</summary>
    public RawRow? Build()
    {
        var line = ToLine(_csv.LineNumber);
        var fieldCount = _csv.FieldCount;
        var malformed = TakeMalformed(line, out var reason);
        if (malformed is null && fieldCount > _headerCount && HasValuesFrom(_headerCount, fieldCount))
        {
            malformed = RecordMessages.TooManyFields(fieldCount, _headerCount, _delimiter);
        }

        var userColumn = _columns[(int)RowField.User];
        if (malformed is not null)
        {
            // An unclosed quote swallows the rest of the file into the record's last field.
            var userReadable = reason != CsvMalformedReason.UnterminatedQuote || userColumn < fieldCount - 1;
            return new RawRow(line, userReadable ? Cell(userColumn) : null, Malformed: malformed);
        }

        var user = Cell(userColumn);
        if (user is null && !HasValuesFrom(0, fieldCount))
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
}
