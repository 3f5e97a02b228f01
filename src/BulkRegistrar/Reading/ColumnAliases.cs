using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>
/// The built-in header aliases and the normalisation every header and alias goes through, so
/// that "Mobile phone", "MOBILE_PHONE" and "mobilePhone" are the same column.
/// </summary>
internal static class ColumnAliases
{
    // The row's own columns, in RowField order. Kept identical to the shipped appsettings.json.
    private static readonly string[] RowKeys = ["User", "Region", "PhoneNumber", "PhoneType", "Action", "ObjectId"];

    private static readonly string[][] RowDefaults =
    [
        ["UserPrincipalName", "upn", "User principal name", "user", "UserId", "Sign-in name", "Username", "Work email"],
        ["Region", "Country", "CountryCode", "Country code", "usageLocation", "Country/Region", "CountryOrRegion"],
        ["PhoneNumber", "Phone number", "Phone"],
        ["PhoneType", "Phone type", "Type"],
        ["Action"],
        ["ObjectId", "Object Id"],
    ];

    /// <summary>The methods' own columns, as their descriptions declare them, in registry order: the fields after the row's.</summary>
    public static readonly IReadOnlyList<MethodColumn> MethodColumns = [.. MethodRegistry<IMethodColumns>.All.SelectMany(m => m.Columns)];

    private static readonly Dictionary<MethodColumn, int> Slots = MethodColumns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);

    private static readonly Dictionary<MethodColumn, IMethodColumns> Owners =
        MethodRegistry<IMethodColumns>.All.SelectMany(m => m.Columns.Select(c => (c, m))).ToDictionary(p => p.c, p => p.m);

    /// <summary>The <c>Csv:Columns</c> keys, in <see cref="RowField"/> order: the row's, then the methods'.</summary>
    public static readonly IReadOnlyList<string> Keys = [.. RowKeys, .. MethodColumns.Select(c => c.Key)];

    private static readonly IReadOnlyList<string>[] Defaults = [.. RowDefaults, .. MethodColumns.Select(c => c.Aliases)];

    /// <summary>The fields whose cells are phone numbers: the long form's number and every phone column a method declares.</summary>
    public static readonly IReadOnlyList<RowField> PhoneFields = [RowField.PhoneNumber, .. MethodColumns.Where(c => c.Phone).Select(FieldOf)];

    // Where two columns match one field, these names win (docs/input-formats.md): the sign-in name over other
    // user columns, the usage location (what Entra uses for a phone's region) over a country.
    private static readonly HashSet<string> Preferred = ["userprincipalname", "upn", "usagelocation"];

    // A phone column whose header does not say "phone" ("Office" in Microsoft 365's export is a place) is
    // a phone column only when its cells hold phone numbers.
    private static readonly string[] PhoneWords = ["phone", "mobile", "cell", "number", "tel", "fax"];

    /// <summary>The field a method's column is read into.</summary>
    public static RowField FieldOf(MethodColumn column) => (RowField)(RowKeys.Length + SlotOf(column));

    /// <summary>Where a method's column is in <see cref="MethodColumns"/> (and in a row's <see cref="MethodCells"/>).</summary>
    public static int SlotOf(MethodColumn column) => Slots[column];

    /// <summary>The method that declares <paramref name="column"/>.</summary>
    public static IMethodColumns MethodOf(MethodColumn column) => Owners[column];

    /// <summary>A fresh copy of the defaults, keyed case-insensitively like configuration keys.</summary>
    public static Dictionary<string, string[]> CreateDefaults()
    {
        var columns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Keys.Count; i++)
        {
            columns[Keys[i]] = [.. Defaults[i]];
        }

        return columns;
    }

    public static bool TryGetField(string key, out RowField field)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (string.Equals(Keys[i], key, StringComparison.OrdinalIgnoreCase))
            {
                field = (RowField)i;
                return true;
            }
        }

        field = default;
        return false;
    }

    public static string KeyOf(RowField field) => Keys[(int)field];

    /// <summary>Whether a header matched through <paramref name="normalizedAlias"/> wins over another column of the same field.</summary>
    public static bool IsPreferred(string normalizedAlias) => Preferred.Contains(normalizedAlias);

    /// <summary>A phone field matched by a name that does not say phone: its cells must show it is one.</summary>
    public static bool NeedsPhoneEvidence(RowField field, string normalizedAlias) =>
        PhoneFields.Contains(field) && !PhoneWords.Any(w => normalizedAlias.Contains(w, StringComparison.Ordinal));

    /// <summary>Lower-case letters and digits only: case, spaces and punctuation never matter.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The defaults merged with <paramref name="options"/> (see <see cref="CsvOptions.Columns"/>).</summary>
    public static AliasTable Build(CsvOptions options)
    {
        var table = new AliasTable();
        var defaults = CreateDefaults();
        foreach (var (key, aliases) in defaults)
        {
            TryGetField(key, out var field);
            table.AddAll(field, aliases);
        }

        foreach (var (key, aliases) in options.Columns)
        {
            if (TryGetField(key, out var field))
            {
                table.AddAll(field, aliases ?? []);
            }
            else
            {
                table.Errors.Add($"Csv:Columns:{key} is not a known column; use one of {string.Join(", ", Keys)}.");
            }
        }

        return table;
    }
}
