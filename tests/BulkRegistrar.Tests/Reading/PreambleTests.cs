using System.Text;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class PreambleTests
{
    [Fact]
    public void Entra_template_version_line_is_named_and_not_a_row()
    {
        using var csv = TempCsv.Utf8("version:v1.0\nUser name [userPrincipalName] Required,Mobile phone [mobile]\nann@contoso.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([new PreambleLine(1, PreambleLine.EntraTemplateVersion, "version:v1.0")], reader.Preamble);
        Assert.Equal(2, reader.HeaderLine);
        Assert.Equal([TestRow.Of(3, "ann@contoso.com", "+33612345678")], rows);
    }

    [Fact]
    public void Version_line_saved_again_by_Excel_with_trailing_delimiters_is_still_the_version_line()
    {
        using var csv = TempCsv.Utf8("version:v1.0,,,\r\nUser name [userPrincipalName] Required,Mobile phone [mobile],Usage location "
            + "[usageLocation],x\r\nann@contoso.com,0612345678,FR,\r\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("version:v1.0", Assert.Single(reader.Preamble).Text);
        Assert.Equal([TestRow.Of(3, "ann@contoso.com", "0612345678", Region: "FR")], rows);
    }

    [Fact]
    public void PowerShell_type_line_is_named_and_the_quoted_header_below_it_is_read()
    {
        using var csv = TempCsv.Utf8(
            "#TYPE Selected.Microsoft.Graph.PowerShell.Models.MicrosoftGraphUser\r\n" +
            "\"UserPrincipalName\",\"MobilePhone\",\"UsageLocation\"\r\n\"ann@contoso.com\",\"07400 123456\",\"GB\"\r\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(PreambleLine.PowerShellType, Assert.Single(reader.Preamble).Kind);
        Assert.Equal([TestRow.Of(3, "ann@contoso.com", "07400 123456", Region: "GB")], rows);
    }

    [Fact]
    public void Excel_separator_line_after_a_byte_order_mark_is_named_and_gives_the_separator()
    {
        using var csv = TempCsv.With(Encoding.UTF8, "sep=;\r\nupn;mobile\r\nann@contoso.com;+1 (425) 555-0100, ext 12\r\n", bom: true);
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([new PreambleLine(1, PreambleLine.ExcelSeparator, "sep=;")], reader.Preamble);
        Assert.Equal(';', reader.Delimiter);
        Assert.Equal([TestRow.Of(3, "ann@contoso.com", "+1 (425) 555-0100, ext 12")], rows);
    }

    [Theory]
    [InlineData("version,upn,mobile")]
    [InlineData("version: soon,upn")]
    [InlineData("#TYPE,upn")]
    public void A_first_line_that_only_starts_like_a_preamble_is_the_header(string header)
    {
        Assert.Null(Preambles.Recognise(1, header, out var separator));
        Assert.Null(separator);
    }

    [Fact]
    public void A_file_without_a_preamble_reads_exactly_as_before()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n\nann@contoso.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Empty(reader.Preamble);
        Assert.Equal(1, reader.HeaderLine);
        Assert.Equal([TestRow.Of(3, "ann@contoso.com", "+33612345678")], rows);
    }
}
