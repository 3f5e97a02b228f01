using System.Text;
using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>
/// What a record CsvHelper cannot read costs: its own physical line, never the rest of the file. The line is set aside as a
/// malformed row (an unclosed quote, or a line longer than <c>Csv:MaxRecordSize</c>) and reading resumes after it with a new
/// CsvHelper reader, on the bytes the <see cref="ReplayStream"/> still holds (<see cref="QuoteRule"/>).
/// </summary>
internal sealed partial class CsvRowReader
{
    /// <summary>Sets aside the physical line that starts at <paramref name="offset"/> and resumes after it.</summary>
    private RawRow SkipLine(int line, long offset)
    {
        if (!_replay.RewindTo(offset))
        {
            throw Unresynchronised(line);
        }

        var max = _options.MaxRecordSize;
        var kept = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long length = 0;
        long? next = null;
        while (next is null)
        {
            var read = ReadRaw(buffer);
            if (read == 0)
            {
                break; // the line is the file's last
            }

            var chunkStart = _replay.Position - read;
            var (end, breakLength) = LineBreaks.First(buffer.AsSpan(0, read));
            var take = end < 0 ? read : end;
            kept.Write(buffer, 0, (int)Math.Clamp(max - length, 0, take));
            length += take;
            if (end < 0)
            {
                continue;
            }

            next = chunkStart + end + breakLength;
            if (buffer[end] == '\r' && end == read - 1 && ReadRaw(buffer.AsSpan(0, 1)) == 1 && buffer[0] == '\n')
            {
                next++; // a CR LF split between two reads
            }
        }

        var message = length > max ? RecordMessages.LineTooLong(line, max) : RecordMessages.Unbalanced(line);
        var row = new RawRow(line, _rows.UserOfLine(kept.ToArray()), Malformed: message);
        ResumeAt(next ?? _replay.Position, line);
        return row;
    }

    private int ReadRaw(Span<byte> buffer)
    {
        try
        {
            return _replay.Read(buffer);
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

    /// <summary>Reads on with a new CsvHelper reader from <paramref name="offset"/>, which starts line <paramref name="linesBefore"/> + 1.</summary>
    private void ResumeAt(long offset, long linesBefore)
    {
        _csv.Dispose();
        if (!_replay.RewindTo(offset))
        {
            throw Unresynchronised(RowBuilder.ToLine(linesBefore));
        }

        _malformed.Clear();
        _byteBase = offset;
        _csv = CsvReader.Create(_replay, ReaderOptions.Records(Delimiter, header: false, _options.MaxRecordSize, _malformed), leaveOpen: true);
        _rows = Builder(linesBefore);
    }

    private InputFileException Unresynchronised(int line) =>
        new($"The file '{Path}' could not be read on after line {line}: a quote there is not closed, and the lines after it were no longer held "
            + $"to read again; close the quote on line {line} and run again.");
}
