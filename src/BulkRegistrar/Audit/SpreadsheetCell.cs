using System.Text.RegularExpressions;

namespace BulkRegistrar.Audit;

/// <summary>
/// Neutralises cells a spreadsheet would execute (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR at the
/// start) by prefixing a <c>'</c>, the OWASP advice. A Graph-format phone number (<c>+44 7911123456</c>,
/// <c>+1 4255550100x12</c>) is data every admin expects to read as is, and Excel does not evaluate it,
/// so it is left alone — which is why CsvHelper's built-in escaping is not used. Control and bidi
/// characters are made visible first (<see cref="ControlText"/>), so a leading tab or CR is shown, not hidden.
/// </summary>
internal static partial class SpreadsheetCell
{
    public static string? Neutralise(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return cell;
        }

        cell = ControlText.Escape(cell);
        var first = cell[0];
        var risky = first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';
        if (!risky || GraphPhone().IsMatch(cell))
        {
            return cell;
        }

        return "'" + cell;
    }

    /// <summary>
    /// RFC 4180 quoting for the CSV files written by hand (export, the hand-off file): a cell with a comma, quote or line
    /// break, or with a space at either end, is quoted and its quotes doubled; null is an empty cell.
    /// </summary>
    public static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 && value.Trim().Length == value.Length
            ? value
            : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^\+[1-9][0-9]{0,2} [0-9]{1,17}(x[0-9]{1,10})?$", RegexOptions.CultureInvariant)]
    private static partial Regex GraphPhone();
}
