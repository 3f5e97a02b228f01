using System.Text;
using System.Text.RegularExpressions;
using BulkRegistrar.Reading;
using CsCheck;

namespace BulkRegistrar.Tests.Reading;

/// <summary>
/// The accounting invariant of the reader, over generated files with stray quotes, quotes that
/// close lines later, legit multi-line cells, blank lines and CR LF: every physical data line is
/// inside exactly one row the reader returns (and so one audited record), or is blank; and the
/// reader knows how many physical lines the file had.
/// </summary>
public sealed partial class CsvRowReaderAccountingProperty
{
    private static readonly Gen<string> Line = Gen.Frequency(
        (8, Gen.Int[0, 9999].Select(i => $"u{i}@contoso.com,+44 7400 {i:000000},GB")),
        (2, Gen.Int[0, 9999].Select(i => $"\"u{i}@contoso.com\",\"+44 7400 {i}\",GB")),
        (2, Gen.Int[0, 9999].Select(i => $"u{i}@contoso.com,\"+44 7400 {i},GB")), // quote never closed on its line
        (1, Gen.Int[0, 9999].Select(i => $"\"u{i}@contoso.com,+44 7400 {i},GB")), // ... in the user cell
        (1, Gen.Int[0, 9999].Select(i => $"u{i}@contoso.com,+44 74\"00 {i},GB")), // quote inside a cell
        (1, Gen.Int[0, 9999].Select(i => $"u{i}@contoso.com,x\",GB")), // a quote that closes an open one at a boundary
        (1, Gen.Int[0, 9999].Select(i => $"u{i}@contoso.com,\"a note\nover two lines\",GB")), // legit multi-line cell
        (1, Gen.Int[0, 9999].Select(i => $"u{i}@contoso.com,\"three\r\nline\nnote\",GB")),
        (1, Gen.Const("")),
        (1, Gen.Const(",,")),
        // pushes a quote past MaxRecordSize
        (1, Gen.Int[1, 4].Select(n => string.Join('\n', Enumerable.Range(0, n * 700).Select(i => $"f{i}@contoso.com,+44 7400 {i:000000},GB")))));

    private static readonly Gen<(string[] Lines, bool Crlf, bool FinalBreak, int MaxRecordSize)> Files =
        Gen.Select(Line.Array[0, 40], Gen.Bool, Gen.Bool, Gen.OneOf(Gen.Const(1024), Gen.Const(65536)));

    [Fact]
    public void Every_physical_data_line_is_in_exactly_one_row_or_is_blank()
    {
        Files.Sample(file =>
        {
            var (lines, crlf, finalBreak, max) = file;
            var text = "upn,mobile,region" + (lines.Length > 0 ? "\n" : "") + string.Join(crlf ? "\r\n" : "\n", lines) + (finalBreak ? "\n" : "");
            using var csv = TempCsv.Utf8(text);
            var (reader, rows) = csv.ReadAll(new CsvOptions { MaxRecordSize = max });
            using var _ = reader;

            var physical = PhysicalLines(text);
            Assert.Equal(physical.Count, reader.PhysicalLines);
            var owner = new int[physical.Count + 1];
            foreach (var row in rows)
            {
                Assert.InRange(row.LineCount, 1, physical.Count);
                for (var line = row.Line; line < row.Line + row.LineCount; line++)
                {
                    Assert.InRange(line, 2, physical.Count);
                    Assert.True(owner[line] == 0, $"line {line} is in the rows of line {owner[line]} and line {row.Line}");
                    owner[line] = row.Line;
                }
            }

            for (var line = 2; line <= physical.Count; line++)
            {
                Assert.True(owner[line] != 0 || Blank().IsMatch(physical[line - 1]), $"line {line} '{physical[line - 1]}' is in no row");
            }
        }, iter: 300, threads: 1);
    }

    // CR, LF and CR LF each end a line; a last line without a break counts.
    private static List<string> PhysicalLines(string text)
    {
        var lines = Regex.Split(text, "\r\n|\r|\n").ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    [GeneratedRegex("^[ ,]*$")]
    private static partial Regex Blank();
}
