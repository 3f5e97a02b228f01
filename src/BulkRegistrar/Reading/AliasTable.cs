namespace BulkRegistrar.Reading;

/// <summary>Normalised alias → field, plus the aliases as written, for messages.</summary>
internal sealed class AliasTable
{
    private readonly Dictionary<string, RowField> _byAlias = new(StringComparer.Ordinal);
    private readonly List<string>[] _display = CreateDisplayLists();

    /// <summary>Configuration mistakes found while building: unknown keys, clashing or blank aliases.</summary>
    public List<string> Errors { get; } = [];

    public bool TryGetField(string normalizedHeader, out RowField field) =>
        _byAlias.TryGetValue(normalizedHeader, out field);

    /// <summary>The aliases accepted for <paramref name="field"/>, as configured, without duplicates.</summary>
    public IReadOnlyList<string> AliasesOf(RowField field) => _display[(int)field];

    public void AddAll(RowField field, IEnumerable<string> aliases)
    {
        foreach (var alias in aliases)
        {
            Add(field, alias);
        }
    }

    private void Add(RowField field, string? alias)
    {
        var key = ColumnAliases.KeyOf(field);
        var normalized = ColumnAliases.Normalize(alias ?? "");
        if (normalized.Length == 0)
        {
            Errors.Add($"Csv:Columns:{key} has the alias '{alias}', which has no letters or digits to match a header with.");
            return;
        }

        if (_byAlias.TryGetValue(normalized, out var existing))
        {
            if (existing == RowField.ObjectId && field == RowField.User && normalized == "objectid")
            {
                return; // an appsettings.json from before ObjectId had a key of its own lists it under User: still an object id
            }

            if (existing != field)
            {
                Errors.Add($"The alias '{alias}' is listed under both Csv:Columns:{ColumnAliases.KeyOf(existing)} and Csv:Columns:{key}; keep it "
                    + $"under one of them.");
                return;
            }

        }
        else
        {
            _byAlias.Add(normalized, field);
        }

        // "User principal name" matches like "UserPrincipalName" but is still worth showing in
        // messages; the repeats of the shipped appsettings.json are not.
        var display = _display[(int)field];
        if (!display.Contains(alias!, StringComparer.OrdinalIgnoreCase))
        {
            display.Add(alias!);
        }
    }

    private static List<string>[] CreateDisplayLists()
    {
        var lists = new List<string>[ColumnAliases.Keys.Count];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        return lists;
    }
}
