using System.Text;
using CsvHelper;

namespace BulkRegistrar.Reading;

/// <summary>
/// What the first records of the file hold, column by column: the evidence a column's meaning is decided
/// by when its header alone does not settle it (two user columns, an "Office" that may be a place). Kept
/// as counts plus one example per column; the example is only ever shown for a column the tool matched
/// (user, phone, region), never for one it ignores — which may hold passwords or secret keys.
/// </summary>
internal sealed class ColumnSample
{
    /// <summary>Records looked at: enough to see a column's kind, few enough to stay in <see cref="ReplayStream"/>'s window.</summary>
    public const int MaxRecords = 200;

    /// <summary>Bytes the sample may read past the header; <see cref="CsvRowReader"/> keeps this much more for the rewind.</summary>
    public const int MaxBytes = 256 * 1024;

    private readonly ColumnStats[] _columns;

    private ColumnSample(int columns)
    {
        _columns = new ColumnStats[columns];
        for (var i = 0; i < columns; i++)
        {
            _columns[i] = new ColumnStats();
        }
    }

    /// <summary>An empty sample (no records).</summary>
    public static ColumnSample None(int columns) => new(columns);

    /// <summary>Records sampled.</summary>
    public int Records { get; private set; }

    /// <summary>Where the first record starts (bytes from the reader's start) and its line (from the reader's start), or null when none was read.</summary>
    public (long Offset, long Line)? First { get; private set; }

    public ColumnStats Of(int column) => column >= 0 && column < _columns.Length ? _columns[column] : new ColumnStats();

    /// <summary>
    /// Reads up to <see cref="MaxRecords"/> records from <paramref name="csv"/> (positioned after the header). Best effort:
    /// a record the reader cannot read (bad bytes, a line past the record limit) ends the sample; reading proper reports it.
    /// </summary>
    /// <param name="bytesRead">How far the underlying stream has been read, to stay within the rewind window.</param>
    public static ColumnSample Take(CsvReader csv, int columns, Func<long> bytesRead)
    {
        var sample = new ColumnSample(columns);
        var start = bytesRead();
        try
        {
            while (sample.Records < MaxRecords && bytesRead() - start < MaxBytes && csv.Read())
            {
                sample.First ??= (csv.ByteOffset, csv.LineNumber);
                sample.Records++;
                for (var i = 0; i < Math.Min(columns, csv.FieldCount); i++)
                {
                    if (!csv.IsEmpty(i))
                    {
                        sample._columns[i].Add(csv.GetString(i).Trim());
                    }
                }
            }
        }
        catch (Exception e) when (e is CsvFormatException or InvalidUtf8Exception or DecoderFallbackException)
        {
            // Not the sample's to report: the rows are read again from the first record, and the reader says what is wrong there.
        }

        return sample;
    }
}

/// <summary>What the sampled cells of one column looked like.</summary>
internal sealed class ColumnStats
{
    private const int MaxExample = 40;

    public int NonEmpty { get; private set; }

    /// <summary>Cells that look like a user principal name (or any e-mail address).</summary>
    public int Upns { get; private set; }

    public int ObjectIds { get; private set; }

    public int Phones { get; private set; }

    /// <summary>The first non-empty cell, shortened; show it only for a column the tool matched.</summary>
    public string? Example { get; private set; }

    public int UserIds => Upns + ObjectIds;

    internal void Add(string cell)
    {
        if (cell.Length == 0)
        {
            return;
        }

        NonEmpty++;
        Example ??= cell.Length <= MaxExample ? cell : cell[..(MaxExample - 1)] + "…";
        if (CellShapes.LooksLikeObjectId(cell))
        {
            ObjectIds++;
        }
        else if (CellShapes.LooksLikeUpn(cell))
        {
            Upns++;
        }
        else if (CellShapes.LooksLikePhoneNumber(cell))
        {
            Phones++;
        }
    }
}
