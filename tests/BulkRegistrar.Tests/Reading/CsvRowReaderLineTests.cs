using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class CsvRowReaderLineTests
{
    [Fact]
    public void Line_is_where_the_record_starts_counting_quoted_line_breaks_and_blank_lines()
    {
        using var csv = TempCsv.Utf8(
            "upn,mobile,notes\n" +                 // 1
            "ann@contoso.com,+33612345678,\n" +    // 2
            "\n" +                                 // 3 blank: skipped, still counted
            "bob@contoso.com,,\"two\n" +           // 4 record spans 4-6
            "more\n" +                             // 5
            "lines\"\n" +                          // 6
            "\r\n" +                               // 7 blank (CRLF)
            "cat@contoso.com,+44 7911 123456,\n"); // 8
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([2, 4, 8], rows.Select(r => r.Line));
        Assert.Equal("cat@contoso.com", rows[2].User);
    }

    [Fact]
    public void Cells_are_trimmed_and_empty_cells_are_null()
    {
        using var csv = TempCsv.Utf8("upn,mobile,office,country,email\n  ann@contoso.com  ,\" +33612345678 \",   ,\u00A0FR\u00A0,\"  \"\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "+33612345678", Office: null, Region: "FR")], rows);
    }

    [Fact]
    public void Formula_looking_cells_are_passed_on_unchanged_for_the_validator()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n=HYPERLINK(\"\"http://x\"\"),+44 7911 123456\n\"=cmd|' /C calc'!A0\",-1\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("=HYPERLINK(\"\"http://x\"\")", rows[0].User);
        Assert.Equal("=cmd|' /C calc'!A0", rows[1].User);
        Assert.Equal("-1", rows[1][PhoneMethod.Mobile.Cell]);
    }

    [Fact]
    public void Rows_excel_left_empty_are_skipped_like_blank_lines()
    {
        using var csv = TempCsv.Utf8("upn,mobile\nann@contoso.com,+33612345678\n,\n , \nbob@contoso.com,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([2, 5], rows.Select(r => r.Line));
    }

    [Fact]
    public void Row_without_a_user_but_with_other_cells_is_kept_for_the_validator()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n,+33612345678\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, null, "+33612345678")], rows);
    }

    [Fact]
    public void Short_rows_read_missing_cells_as_null()
    {
        using var csv = TempCsv.Utf8("upn,mobile,office\nann@contoso.com\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com")], rows);
    }

    [Fact]
    public void Rows_can_be_read_only_once()
    {
        using var csv = TempCsv.Utf8("upn\nann@contoso.com\n");
        using var reader = CsvRowReader.Open(csv.Path, new CsvOptions());
        _ = reader.ReadRows().ToList();

        Assert.Throws<InvalidOperationException>(() => reader.ReadRows());
    }

    [Fact]
    public void Bytes_read_reaches_the_file_length_at_the_end()
    {
        using var csv = TempCsv.Utf8("upn\nann@contoso.com\nbob@contoso.com\n");
        var (reader, _) = csv.ReadAll();
        using var __ = reader;

        Assert.Equal(reader.FileLength, reader.BytesRead);
        Assert.Equal(36, reader.FileLength);
    }
}
