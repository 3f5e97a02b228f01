using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class CsvRowReaderDelimiterTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void Delimiter_is_detected_and_cells_are_split_on_it(char delimiter)
    {
        var d = delimiter.ToString();
        using var csv = TempCsv.Utf8($"upn{d}mobile{d}country\nann@contoso.com{d}+33 6 12 34 56 78{d}FR\nbob@contoso.com{d}{d}GB\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(delimiter, reader.Delimiter);
        Assert.Equal(
            [TestRow.Of(2, "ann@contoso.com", "+33 6 12 34 56 78", Region: "FR"), TestRow.Of(3, "bob@contoso.com", Region: "GB")],
            rows);
    }

    [Fact]
    public void Excel_sep_line_sets_the_delimiter_and_still_counts_as_a_line()
    {
        // Commas inside the values would win a guess; the sep= line says ';'.
        using var csv = TempCsv.Utf8("sep=;\nupn;mobile\nann@contoso.com;+1 (425) 555-0100, ext 12\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal([TestRow.Of(3, "ann@contoso.com", "+1 (425) 555-0100, ext 12")], rows);
    }

    [Fact]
    public void Eu_semicolon_export_with_decimal_commas_in_other_columns_reads_correctly()
    {
        using var csv = TempCsv.Utf8("UserPrincipalName;MobilePhone;Score\nann@contoso.de;+49 1512 3456789;1,5\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal([TestRow.Of(2, "ann@contoso.de", "+49 1512 3456789")], rows);
        Assert.Equal(["Score"], reader.UnknownHeaders);
    }
}
