namespace BulkRegistrar.Reading;

/// <summary>
/// Cells an export tool wrote in place of a value: Windows PowerShell's <c>Export-Csv</c> writes a property
/// that is a list or an object with its <c>ToString()</c> — <c>System.String[]</c>, <c>System.Object[]</c>,
/// a .NET type name, or <c>@{Name=…; …}</c> for a custom object (docs/input-formats.md). Such a cell holds no
/// number or address at all, so it is never read as one: the cell is <c>Invalid</c> (<c>ExportArtefact</c>)
/// with a sentence saying how to export the value itself.
/// </summary>
internal static class ExportArtefacts
{
    /// <summary>Whether <paramref name="cell"/> is such an artefact.</summary>
    public static bool Is(string? cell) => cell is not null && Kind(cell) is not null;

    /// <summary>The sentence for <paramref name="cell"/> in the column <paramref name="column"/>, or null when it is not an artefact.</summary>
    public static string? Describe(string? cell, string column) => cell is null ? null : Kind(cell) switch
    {
        ArtefactKind.List =>
            $"The {column} cell holds '{cell}': PowerShell wrote the type of a list instead of its values. Join the values when you export, " +
            "e.g. Select-Object @{n='BusinessPhones';e={$_.BusinessPhones -join ','}}, and run again.",
        ArtefactKind.Object =>
            $"The {column} cell holds '{Shorten(cell)}': PowerShell wrote a whole object instead of one value. Select the property you mean " +
            "(or -join a list of values) before Export-Csv, and run again.",
        ArtefactKind.TypeName =>
            $"The {column} cell holds the type name '{cell}' instead of a value: export the value itself (a property of it, or -join its values), "
                + $"and run again.",
        _ => null,
    };

    private enum ArtefactKind
    {
        List,
        Object,
        TypeName,
    }

    private static ArtefactKind? Kind(string cell)
    {
        if (cell.Length > 2 && cell.StartsWith("@{", StringComparison.Ordinal) && cell.EndsWith('}'))
        {
            return ArtefactKind.Object;
        }

        if (!(cell.StartsWith("System.", StringComparison.Ordinal) || cell.StartsWith("Microsoft.", StringComparison.Ordinal)) || !IsTypeName(cell))
        {
            return null;
        }

        // System.String[], System.Object[], System.Collections.Generic.List`1[System.String]…
        return cell.EndsWith("[]", StringComparison.Ordinal) || cell.Contains('`', StringComparison.Ordinal) ? ArtefactKind.List : ArtefactKind.TypeName;
    }

    private static bool IsTypeName(string cell)
    {
        foreach (var c in cell)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '`' or '[' or ']' or ',' or '+'))
            {
                return false;
            }
        }

        return cell.Contains('.', StringComparison.Ordinal);
    }

    private static string Shorten(string cell) => cell.Length <= 60 ? cell : cell[..57] + "…}";
}
