namespace BulkRegistrar.Reading;

/// <summary>
/// What a cell looks like, roughly — the evidence a column's meaning is decided by when its header
/// alone does not settle it (<see cref="ColumnSample"/>). Not validation: a cell that looks like a
/// phone number here can still be refused by the phone rules, and the reverse.
/// </summary>
internal static class CellShapes
{
    /// <summary>A user principal name or e-mail address: one '@', something before it, a dotted domain after it, no space.</summary>
    public static bool LooksLikeUpn(string cell)
    {
        var at = cell.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == cell.LastIndexOf('@') && cell.IndexOf('.', at) > at + 1 && !cell.EndsWith('.')
            && !cell.Any(char.IsWhiteSpace);
    }

    /// <summary>An object id: a GUID as Entra writes it.</summary>
    public static bool LooksLikeObjectId(string cell) => Guid.TryParseExact(cell, "D", out _);

    /// <summary>At least 7 digits and hardly any letters (an extension marker): "London", "Building 4" or "18/2111" are not.</summary>
    public static bool LooksLikePhoneNumber(string cell)
    {
        int digits = 0, letters = 0;
        foreach (var c in cell)
        {
            if (char.IsDigit(c))
            {
                digits++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return digits >= 7 && letters <= 4;
    }
}
