using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class CsvRowReaderMalformedTests
{
    [Fact]
    public void Stray_quote_becomes_a_malformed_row_and_later_rows_are_still_read()
    {
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33 6 12\"34 56 78\nbob@contoso.com,+44 7911 123456\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                new RawRow(2, "ann@contoso.com", Malformed: "Stray quote: a cell of the record that starts at line 2 contains a \" but is not enclosed in quotes; enclose the cell in double quotes and double the quote inside it (\"\")."),
                new RawRow(3, "bob@contoso.com", "+44 7911 123456"),
            ],
            rows);
    }

    [Fact]
    public void Text_after_closing_quote_becomes_a_malformed_row_and_later_rows_are_still_read()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n\"ann@contoso.com\" x,+33612345678\nbob@contoso.com,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows[0].Line);
        Assert.StartsWith("Text after a closing quote: a quoted cell of the record that starts at line 2 ", rows[0].Malformed);
        Assert.Null(rows[0].Mobile);
        Assert.Equal(new RawRow(3, "bob@contoso.com"), rows[1]);
    }

    [Fact]
    public void Unterminated_quote_becomes_one_malformed_row_naming_its_start_line()
    {
        using var csv = TempCsv.Utf8(
            "upn,mobile\nann@contoso.com,+33612345678\n\n\n\nbob@contoso.com,\n" +
            "cat@contoso.com,\"+44 7911\nday@contoso.com,+1 425 555 0100\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                new RawRow(2, "ann@contoso.com", "+33612345678"),
                new RawRow(6, "bob@contoso.com"),
                new RawRow(7, "cat@contoso.com", Malformed: "Unterminated quote: the record runs to the end of the file; close the quote in the cell that starts at line 7."),
            ],
            rows);
    }

    [Fact]
    public void Unterminated_quote_in_the_user_cell_leaves_the_user_unread()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n\"ann@contoso.com,+33612345678\nbob@contoso.com,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([new RawRow(2, null, Malformed: "Unterminated quote: the record runs to the end of the file; close the quote in the cell that starts at line 2.")], rows);
    }

    [Fact]
    public void Unclosed_quote_longer_than_max_record_size_stops_with_a_malformed_row_instead_of_buffering_the_file()
    {
        var filler = string.Concat(Enumerable.Repeat("bob@contoso.com,+44 7911 123456\n", 200));
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33612345678\ncat@contoso.com,\"+1 425\n" + filler);
        var (reader, rows) = csv.ReadAll(new CsvOptions { MaxRecordSize = 1024 });
        using var _ = reader;

        Assert.Equal(
            [
                new RawRow(2, "ann@contoso.com", "+33612345678"),
                new RawRow(3, null, Malformed: "Unterminated quote: the record that starts at line 3 is longer than 1024 bytes, so a quote was probably never closed; close the quote in the cell that starts at line 3 (the rest of the file was not read)."),
            ],
            rows);
    }

    [Fact]
    public void Too_many_fields_becomes_a_malformed_row_and_later_rows_are_still_read()
    {
        using var csv = TempCsv.Utf8("upn;mobile;country\nann@contoso.com;+49 1512; 3456789;DE\nbob@contoso.com;+49 1512 3456789;DE\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                new RawRow(2, "ann@contoso.com", Malformed: "Line has 4 fields but the header has 3; a cell probably contains an unquoted ';' (enclose such cells in double quotes)."),
                new RawRow(3, "bob@contoso.com", "+49 1512 3456789", Region: "DE"),
            ],
            rows);
    }

    [Fact]
    public void Extra_empty_fields_after_the_last_column_are_not_malformed()
    {
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33612345678,,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([new RawRow(2, "ann@contoso.com", "+33612345678")], rows);
    }

    [Fact]
    public void Malformed_records_beyond_the_first_read_block_are_flagged_on_their_own_line()
    {
        var text = new System.Text.StringBuilder("upn,mobile\n");
        for (var i = 2; i <= 20_000; i++)
        {
            text.Append(i is 5_000 or 15_000 ? $"u{i}@contoso.com,+44 79\"11\n" : $"u{i}@contoso.com,+44 7911 123456\n");
        }

        using var csv = TempCsv.Utf8(text.ToString());
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(19_999, rows.Count);
        Assert.Equal([5_000, 15_000], rows.Where(r => r.Malformed is not null).Select(r => r.Line));
        Assert.Equal("u15000@contoso.com", rows[14_998].User);
    }
}
