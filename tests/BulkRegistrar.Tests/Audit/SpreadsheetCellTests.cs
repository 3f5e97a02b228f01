using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Audit;

public class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
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

    [Theory]
    [InlineData("\tcmd", "{U+0009}cmd")]
    [InlineData("ann\u001b[32mOK\u001b[0m@contoso.com", "ann{U+001B}[32mOK{U+001B}[0m@contoso.com")]
    [InlineData("a\u0000b", "a{U+0000}b")]
    [InlineData("a\u0085b\u009bc", "a{U+0085}b{U+009B}c")]
    [InlineData("moc.osotnoc@\u202enna", "moc.osotnoc@{U+202E}nna")]
    [InlineData("x\u2066y\u2069\u200e\u200f\u061c", "x{U+2066}y{U+2069}{U+200E}{U+200F}{U+061C}")]
    [InlineData("=1+2\r\n", "'=1+2{U+000D}{U+000A}")]
    public void Control_and_bidi_characters_are_made_visible(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetCell.Neutralise(cell));
}
