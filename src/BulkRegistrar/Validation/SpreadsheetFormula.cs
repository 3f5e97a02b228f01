namespace BulkRegistrar.Validation;

/// <summary>
/// Cells a spreadsheet would run as a formula. A phone cell may start with <c>+</c> followed by a
/// digit (<c>+44 …</c>) or <c>-</c> followed by a digit; anything else that starts with
/// <c>=</c>, <c>@</c>, <c>+</c> or <c>-</c> is a formula, whatever digits it also contains
/// (<c>=HYPERLINK("http://x","+44 7400 111112")</c> must not become a registered number).
/// The user and e-mail checks are stricter (no UPN or address starts with any of the four) and
/// refuse every such cell as <c>InvalidUser</c>/<c>InvalidEmail</c>.
/// </summary>
internal static class SpreadsheetFormula
{
    /// <param name="cell">A trimmed, non-empty cell.</param>
    public static bool InPhoneCell(string cell) =>
        cell[0] is '=' or '@'
        || (cell[0] is '+' or '-' && (cell.Length == 1 || !char.IsDigit(cell[1]))); // a digit of any script: "+٤٤ …" is a number

    /// <summary>The stricter rule of the user and e-mail cells: any leading <c>= + - @</c>.</summary>
    public static bool StartsWithTrigger(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@';

    public static string Message(string column) =>
        $"The {column} cell starts like a spreadsheet formula (=, @, or + or - not followed by a digit), so its digits cannot be trusted; write the "
            + $"number itself, such as +44 7400 123456.";
}
