using BulkRegistrar.Methods.Phones;
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
                TestRow.Of(2, "ann@contoso.com", Malformed: "Stray quote: a cell of the record that starts at line 2 contains a \" but is not "
                    + "enclosed in quotes; enclose the cell in double quotes and double the quote inside it (\"\")."),
                TestRow.Of(3, "bob@contoso.com", "+44 7911 123456"),
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
        Assert.Null(rows[0][PhoneMethod.Mobile.Cell]);
        Assert.Equal(TestRow.Of(3, "bob@contoso.com"), rows[1]);
    }

    [Fact]
    public void Unclosed_quote_costs_only_its_own_line_and_reading_goes_on_at_the_next_line()
    {
        using var csv = TempCsv.Utf8(
            "upn,mobile\nann@contoso.com,+33612345678\n\n\n\nbob@contoso.com,\n" +
            "cat@contoso.com,\"+44 7911\nday@contoso.com,+1 425 555 0100\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                TestRow.Of(2, "ann@contoso.com", "+33612345678"),
                TestRow.Of(6, "bob@contoso.com"),
                TestRow.Of(7, "cat@contoso.com", Malformed: "Unbalanced quote: a cell on line 7 opens a quote that is not closed on that line; close "
                    + "it (\"...\") or remove it. Only this line was set aside: reading went on at line 8."),
                TestRow.Of(8, "day@contoso.com", "+1 425 555 0100"),
            ],
            rows);
        Assert.Equal(8, reader.PhysicalLines);
    }

    [Fact]
    public void Unclosed_quote_on_the_last_line_says_the_record_runs_to_the_end_of_the_file()
    {
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33612345678\ncat@contoso.com,\"+44 7911");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            TestRow.Of(3, "cat@contoso.com", Malformed: "Unterminated quote: the record runs to the end of the file; close the quote in the cell "
                + "that starts at line 3."),
            rows[^1]);
    }

    [Fact]
    public void Unclosed_quote_in_the_user_cell_leaves_the_user_unread_and_the_next_line_is_read()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n\"ann@contoso.com,+33612345678\nbob@contoso.com,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                TestRow.Of(2, null, Malformed: RecordMessages.Unbalanced(2)),
                TestRow.Of(3, "bob@contoso.com"),
            ],
            rows);
    }

    [Fact]
    public void Unclosed_quote_longer_than_max_record_size_costs_only_its_own_line_without_buffering_the_file()
    {
        var filler = string.Concat(Enumerable.Range(4, 200).Select(i => $"u{i}@contoso.com,+44 7911 123456\n"));
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33612345678\ncat@contoso.com,\"+1 425\n" + filler);
        var (reader, rows) = csv.ReadAll(new CsvOptions { MaxRecordSize = 1024 });
        using var _ = reader;

        Assert.Equal(202, rows.Count);
        Assert.Equal(TestRow.Of(3, "cat@contoso.com", Malformed: RecordMessages.Unbalanced(3)), rows[1]);
        Assert.Equal(Enumerable.Range(4, 200), rows.Skip(2).Select(r => r.Line));
        Assert.All(rows.Skip(2), r => Assert.Equal($"u{r.Line}@contoso.com", r.User));
        Assert.All(rows.Skip(2), r => Assert.Null(r.Malformed));
        Assert.Equal(203, reader.PhysicalLines);
    }

    [Fact]
    public void A_single_line_longer_than_max_record_size_is_named_as_too_long_and_the_next_line_is_read()
    {
        // Longer than the limit and than CsvHelper's 64 KiB block, so the parser must ask for more input.
        var longCell = new string('x', 200_000);
        using var csv = TempCsv.Utf8($"upn,mobile,note\nann@contoso.com,+33612345678,x\nbob@contoso.com,+44 7911 "
            + $"123456,{longCell}\nday@contoso.com,+1 425 555 0100\r\n");
        var (reader, rows) = csv.ReadAll(new CsvOptions { MaxRecordSize = 1024 });
        using var _ = reader;

        Assert.Equal([2, 3, 4], rows.Select(r => r.Line));
        Assert.Equal(RecordMessages.LineTooLong(3, 1024), rows[1].Malformed);
        Assert.Equal("bob@contoso.com", rows[1].User);
        Assert.Equal(TestRow.Of(4, "day@contoso.com", "+1 425 555 0100"), rows[2]);
    }

    [Fact]
    public void Legit_multi_line_cell_is_one_record_spanning_its_lines()
    {
        using var csv = TempCsv.Utf8("upn,note,mobile\nann@contoso.com,\"first line\nsecond, with a "
            + "comma\nthird\",+33612345678\nbob@contoso.com,,+44 7911 123456\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                TestRow.Of(2, "ann@contoso.com", "+33612345678", LineCount: 3),
                TestRow.Of(5, "bob@contoso.com", "+44 7911 123456"),
            ],
            rows);
    }

    [Fact]
    public void Quote_closed_at_a_cell_boundary_lines_later_is_still_a_stray_when_a_swallowed_line_has_the_header_shape()
    {
        // Well-formed to the parser: the quote on line 2 closes at "x", on line 4. But line 3 is a
        // whole record of the header's shape, so the quote swallowed rows: a stray.
        using var csv = TempCsv.Utf8("upn,mobile,region\nann@contoso.com,\"+44 7911 1,GB\nbob@contoso.com,+44 7911 123456,GB\ncat@contoso.com,x\",GB\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([2, 3, 4], rows.Select(r => r.Line));
        Assert.Equal(TestRow.Of(2, "ann@contoso.com", Malformed: RecordMessages.Unbalanced(2)), rows[0]);
        Assert.Equal(TestRow.Of(3, "bob@contoso.com", "+44 7911 123456", Region: "GB"), rows[1]);
        Assert.Equal(4, rows[2].Line);
        Assert.NotNull(rows[2].Malformed);
    }

    [Fact]
    public void Stray_quote_that_a_later_quote_closes_costs_only_its_own_line_in_a_crlf_file()
    {
        using var csv = TempCsv.Utf8("upn,mobile\r\nann@contoso.com,\"+44 7911\r\nbob@contoso.com,+44 7911 123456\r\ncat@contoso.com,\"+1 425 555 0100\"\r\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                TestRow.Of(2, "ann@contoso.com", Malformed: RecordMessages.Unbalanced(2)),
                TestRow.Of(3, "bob@contoso.com", "+44 7911 123456"),
                TestRow.Of(4, "cat@contoso.com", "+1 425 555 0100"),
            ],
            rows);
        Assert.Equal(4, reader.PhysicalLines);
    }

    [Fact]
    public void Stray_quote_in_a_windows_1252_file_costs_only_its_own_line()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var filler = string.Concat(Enumerable.Range(4, 100).Select(i => $"zoé{i}@contoso.com;+33 6 12 34 56 78\r\n"));
        using var csv = TempCsv.With(System.Text.Encoding.GetEncoding(1252), "upn;mobile\r\nann@contoso.com;+33612345678\r\ncat@contoso.com;\"+1 "
            + "425\r\n" + filler, bom: false);
        var (reader, rows) = csv.ReadAll(new CsvOptions { MaxRecordSize = 1024 }, "windows-1252");
        using var _ = reader;

        Assert.Equal(102, rows.Count);
        Assert.Equal(RecordMessages.Unbalanced(3), rows[1].Malformed);
        Assert.Equal("zoé103@contoso.com", rows[^1].User);
        Assert.Equal(103, rows[^1].Line);
    }

    [Fact]
    public void Too_many_fields_becomes_a_malformed_row_and_later_rows_are_still_read()
    {
        using var csv = TempCsv.Utf8("upn;mobile;country\nann@contoso.com;+49 1512; 3456789;DE\nbob@contoso.com;+49 1512 3456789;DE\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                TestRow.Of(2, "ann@contoso.com", Malformed: "Line has 4 fields but the header has 3; a cell probably contains an unquoted ';' "
                    + "(enclose such cells in double quotes)."),
                TestRow.Of(3, "bob@contoso.com", "+49 1512 3456789", Region: "DE"),
            ],
            rows);
    }

    [Fact]
    public void Extra_empty_fields_after_the_last_column_are_not_malformed()
    {
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33612345678,,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "+33612345678")], rows);
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
