using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Audit;

public class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("+SUM(A1:A9)", "'+SUM(A1:A9)")]
    public void Formula_cells_are_prefixed_with_an_apostrophe(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetCell.Neutralise(cell));

    [Theory]
    [InlineData("+44 7911123456")]
    [InlineData("+1 4255550100x123")]
    [InlineData("+353 851234567")]
    [InlineData("amelia.hughes@contoso.com")]
    [InlineData("07400 123456")]
    [InlineData("")]
    public void Graph_phone_numbers_and_plain_text_stay_as_they_are(string cell) =>
        Assert.Equal(cell, SpreadsheetCell.Neutralise(cell));
}
