namespace BulkRegistrar.Reading;

/// <summary>
/// Which column of the file feeds which <see cref="RawRow"/> field, resolved once from the
/// header so that reading a record is index lookups only.
/// </summary>
internal sealed class ColumnMap
{
    private readonly int[] _indexOf;

    private ColumnMap(int[] indexOf, IReadOnlyList<string> unknownHeaders)
    {
        _indexOf = indexOf;
        UnknownHeaders = unknownHeaders;
    }

    /// <summary>Non-blank headers that match no alias, in file order; the caller logs one warning.</summary>
    public IReadOnlyList<string> UnknownHeaders { get; }

    /// <summary>The 0-based column of <paramref name="field"/>, or -1 when the file has none.</summary>
    public int IndexOf(RowField field) => _indexOf[(int)field];

    /// <summary>Matches <paramref name="headers"/> against <paramref name="aliases"/>.</summary>
    /// <exception cref="InputFileException">No user column, or two columns for the same field.</exception>
    public static ColumnMap Create(IReadOnlyList<string> headers, AliasTable aliases, string fileName)
    {
        var indexOf = new int[ColumnAliases.Keys.Count];
        Array.Fill(indexOf, -1);
        var unknown = new List<string>();
        for (var column = 0; column < headers.Count; column++)
        {
            var header = headers[column].Trim();
            if (header.Length == 0)
            {
                continue; // Excel leaves trailing empty header cells; they carry no meaning
            }

            if (!TryMatch(header, aliases, out var field))
            {
                unknown.Add(header);
                continue;
            }

            var previous = indexOf[(int)field];
            if (previous >= 0)
            {
                throw new InputFileException(
                    $"The file '{fileName}' has two columns for {ColumnAliases.KeyOf(field)}: " +
                    $"'{headers[previous].Trim()}' (column {previous + 1}) and '{header}' (column {column + 1}); remove or rename one of them.");
            }

            indexOf[(int)field] = column;
        }

        if (indexOf[(int)RowField.User] < 0)
        {
            throw new InputFileException(NoUserColumnMessage(headers, aliases, fileName));
        }

        return new ColumnMap(indexOf, unknown);
    }

    // Entra's bulk templates write "User name [userPrincipalName] Required": the bracketed API
    // name is the reliable part, so it is tried when the whole header matches nothing.
    private static bool TryMatch(string header, AliasTable aliases, out RowField field)
    {
        if (aliases.TryGetField(ColumnAliases.Normalize(header), out field))
        {
            return true;
        }

        var open = header.IndexOf('[');
        var close = open < 0 ? -1 : header.IndexOf(']', open + 1);
        return close > open + 1 && aliases.TryGetField(ColumnAliases.Normalize(header[(open + 1)..close]), out field);
    }

    private static string NoUserColumnMessage(IReadOnlyList<string> headers, AliasTable aliases, string fileName)
    {
        var accepted = aliases.AliasesOf(RowField.User);
        var list = accepted.Count == 1
            ? accepted[0]
            : string.Join(", ", accepted.Take(accepted.Count - 1)) + " or " + accepted[^1];
        var found = new List<string>();
        foreach (var header in headers)
        {
            if (header.Trim().Length > 0)
            {
                found.Add(header.Trim());
            }
        }

        var foundText = found.Count == 0 ? "none" : string.Join(", ", found);
        return $"The file '{fileName}' has no user column: name one column {list} (headers found: {foundText}).";
    }
}
