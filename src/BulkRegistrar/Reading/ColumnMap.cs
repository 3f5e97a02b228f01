namespace BulkRegistrar.Reading;

/// <summary>
/// Which column of the file feeds which <see cref="RawRow"/> field, resolved once from the header
/// (and, where the header leaves a choice, from the first records: <see cref="ColumnRules"/>) so that
/// reading a record is index lookups only.
/// </summary>
internal sealed class ColumnMap
{
    private readonly int[] _indexOf;
    private readonly int[] _fallbackOf;
    private readonly IReadOnlyList<string> _headers;

    private ColumnMap(int[] indexOf, int[] fallbackOf, IReadOnlyList<string> headers, IReadOnlyList<ColumnUse> uses, IReadOnlyList<string> choices,
        ColumnSample sample)
    {
        _indexOf = indexOf;
        _fallbackOf = fallbackOf;
        _headers = headers;
        Uses = uses;
        Choices = choices;
        Sample = sample;
        UnknownHeaders = [.. uses.Where(u => u.Field is null && u.Note is null).Select(u => u.Header)];
    }

    /// <summary>Non-blank headers that match no alias, in file order; the caller logs one warning.</summary>
    public IReadOnlyList<string> UnknownHeaders { get; }

    /// <summary>Every non-blank header and what it became (summary.json <c>input.columns</c>).</summary>
    public IReadOnlyList<ColumnUse> Uses { get; }

    /// <summary>The decisions the header alone did not settle, one sentence each, to be said once.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The first records, as the choices saw them.</summary>
    public ColumnSample Sample { get; }

    /// <summary>The 0-based column of <paramref name="field"/>, or -1 when the file has none.</summary>
    public int IndexOf(RowField field) => _indexOf[(int)field];

    /// <summary>The 0-based column read for <paramref name="field"/> on rows where its own column is empty (a country beside a usage location), or
    /// -1.</summary>
    public int FallbackOf(RowField field) => _fallbackOf[(int)field];

    /// <summary>The header of <paramref name="field"/>'s column as written, or null.</summary>
    public string? HeaderOf(RowField field) => IndexOf(field) is var i and >= 0 ? _headers[i].Trim() : null;

    /// <summary>The header of a 0-based column as written.</summary>
    public string HeaderAt(int column) => _headers[column].Trim();

    /// <summary>Matches <paramref name="headers"/> against <paramref name="aliases"/>, deciding by the first records (<paramref name="sample"/>,
    /// taken only once the header is known to be one this tool reads) where two columns could be one field.</summary>
    /// <exception cref="InputFileException">No user column, or two columns for the same field that the rules cannot tell apart.</exception>
    public static ColumnMap Create(IReadOnlyList<string> headers, AliasTable aliases, string fileName, Func<ColumnSample>? sample = null)
    {
        var candidates = new List<Candidate>();
        for (var column = 0; column < headers.Count; column++)
        {
            var header = headers[column].Trim();
            if (header.Length > 0 && TryMatch(header, aliases, out var field, out var alias))
            {
                candidates.Add(new Candidate(column, header, field, alias));
            }
        }

        // A column that holds secrets stops the file before its first record is sampled: no cell of it reaches any record or log.
        if (candidates.Select(RefusedColumn).FirstOrDefault(c => c is not null) is { } refused)
        {
            throw new InputFileException(string.Format(System.Globalization.CultureInfo.InvariantCulture, refused.RefusedBecause!, fileName));
        }

        var records = sample?.Invoke() ?? ColumnSample.None(headers.Count);
        var rules = new ColumnRules(candidates, records, fileName);
        var indexOf = rules.Decide();
        if (indexOf[(int)RowField.User] < 0)
        {
            throw new InputFileException(NoUserColumnMessage(headers, aliases, fileName));
        }

        var uses = new List<ColumnUse>();
        for (var column = 0; column < headers.Count; column++)
        {
            var header = headers[column].Trim();
            if (header.Length == 0)
            {
                continue; // Excel leaves trailing empty header cells; they carry no meaning
            }

            var field = Array.IndexOf(indexOf, column);
            field = field < 0 ? Array.IndexOf(rules.Fallbacks, column) : field;
            uses.Add(new ColumnUse(column + 1, header, field < 0 ? null : ColumnAliases.KeyOf((RowField)field), rules.NoteOf(column)));
        }

        return new ColumnMap(indexOf, rules.Fallbacks, headers, uses, rules.Said, records);
    }

    // Entra's bulk templates write "Mobile phone [mobile]" and "User name [userPrincipalName] Required": the
    // bracketed attribute name is the reliable part, so a header that has one is matched by it alone.
    private static MethodColumn? RefusedColumn(Candidate c)
    {
        var slot = (int)c.Field - ColumnAliases.Keys.Count + ColumnAliases.MethodColumns.Count;
        return slot >= 0 && ColumnAliases.MethodColumns[slot].RefusedBecause is not null ? ColumnAliases.MethodColumns[slot] : null;
    }

    private static bool TryMatch(string header, AliasTable aliases, out RowField field, out string alias)
    {
        var open = header.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : header.IndexOf(']', open + 1);
        alias = ColumnAliases.Normalize(close > open + 1 ? header[(open + 1)..close] : header);
        return aliases.TryGetField(alias, out field);
    }

    private static string NoUserColumnMessage(IReadOnlyList<string> headers, AliasTable aliases, string fileName)
    {
        var accepted = aliases.AliasesOf(RowField.User).Concat(aliases.AliasesOf(RowField.ObjectId)).ToList();
        var list = accepted.Count == 1
            ? accepted[0]
            : string.Join(", ", accepted.Take(accepted.Count - 1)) + " or " + accepted[^1];
        var found = headers.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        var foundText = found.Count == 0 ? "none" : string.Join(", ", found);
        return $"The file '{fileName}' has no user column: name one column {list} (headers found: {foundText}).";
    }
}

/// <summary>A header that matched an alias of <paramref name="Field"/> (through <paramref name="Alias"/>, normalised).</summary>
internal sealed record Candidate(int Column, string Header, RowField Field, string Alias);

/// <summary>One column of the file and what it became: a field (<c>Csv:Columns</c> key), or null with a note when a rule set it aside.</summary>
/// <param name="Column">1-based, as a spreadsheet counts.</param>
internal sealed record ColumnUse(int Column, string Header, string? Field, string? Note = null);
