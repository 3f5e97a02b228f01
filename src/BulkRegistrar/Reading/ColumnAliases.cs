using System.Text;
using BulkRegistrar.Methods;

namespace BulkRegistrar.Reading;

/// <summary>
/// The built-in header aliases and the normalisation every header and alias goes through, so
/// that "Mobile phone", "MOBILE_PHONE" and "mobilePhone" are the same column.
/// </summary>
internal static class ColumnAliases
{
    // The row's own columns, in RowField order. Kept identical to the shipped appsettings.json.
    private static readonly string[] RowKeys = ["User", "Region", "PhoneNumber", "PhoneType", "Action"];

    private static readonly string[][] RowDefaults =
    [
        ["UserPrincipalName", "upn", "User principal name", "user", "UserId", "ObjectId", "Sign-in name", "Username", "Work email"],
        ["Region", "Country", "CountryCode", "Country code", "usageLocation"],
        ["PhoneNumber", "Phone number", "Phone"],
        ["PhoneType", "Phone type", "Type"],
        ["Action"],
    ];

    /// <summary>The methods' own columns, as their descriptions declare them, in registry order: the fields after the row's.</summary>
    public static readonly IReadOnlyList<MethodColumn> MethodColumns = [.. AuthMethods.All.SelectMany(m => m.Columns)];

    private static readonly Dictionary<MethodColumn, int> Slots = MethodColumns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);

    /// <summary>The <c>Csv:Columns</c> keys, in <see cref="RowField"/> order: the row's, then the methods'.</summary>
    public static readonly IReadOnlyList<string> Keys = [.. RowKeys, .. MethodColumns.Select(c => c.Key)];

    private static readonly IReadOnlyList<string>[] Defaults = [.. RowDefaults, .. MethodColumns.Select(c => c.Aliases)];

    /// <summary>The field a method's column is read into.</summary>
    public static RowField FieldOf(MethodColumn column) => (RowField)(RowKeys.Length + SlotOf(column));

    /// <summary>Where a method's column is in <see cref="MethodColumns"/> (and in a row's <see cref="MethodCells"/>).</summary>
    public static int SlotOf(MethodColumn column) => Slots[column];

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
